/** Environment variables the jest global setup hands to every test worker. */
export const TEST_ENV = {
  adminUrl: 'NEWSLEDGER_TEST_PG_ADMIN_URL',
  template: 'NEWSLEDGER_TEST_PG_TEMPLATE',
  redisUrl: 'NEWSLEDGER_TEST_REDIS_URL',
} as const;

export function testEnv(name: keyof typeof TEST_ENV): string | undefined {
  return process.env[TEST_ENV[name]] || undefined;
}

/** The same server, another database: swaps the path of a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
