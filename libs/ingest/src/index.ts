export * from './idempotency.js';
export * from './ingest-errors.js';
export * from './ingest.module.js';
export * from './record-events.command.js';
export * from './record-events.handler.js';
