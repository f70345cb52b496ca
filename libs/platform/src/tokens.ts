/** Injection tokens for what the platform provides to every app module. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
/** The pool for read-model queries: on DATABASE_READ_URL's replica when set, else PG_POOL itself. */
export const PG_READ_POOL = Symbol('PG_READ_POOL');
export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');
export const DATABASE_URL = Symbol('DATABASE_URL');
