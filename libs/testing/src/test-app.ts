import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  bootstrapAdminKey,
  createHttpApp,
  loadConfig,
  startRuntime,
  type AppDefinition,
  type Runtime,
} from '@newsledger/platform';
import type { DestinationStream } from 'pino';
import { testEnv } from './test-environment.js';
import type { TestDatabase } from './test-database.js';

export const TEST_ADMIN_KEY = 'nlk_test-admin-key-0123456789abcdef';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly runtime: Runtime;
  readonly baseUrl: string;
  readonly adminKey: string;
  /** fetch against the app, with the admin key unless `key` says otherwise (null: no Authorization). */
  request(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Boots an app definition the way `runService` does, against a test database, listening on a
 * free loopback port. The queue runs on Redis when the suite has one, else on PostgreSQL.
 */
export async function startTestApp(
  database: Pick<TestDatabase, 'url'>,
  definition: AppDefinition,
  env: Record<string, string> = {},
  { logDestination }: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const redisUrl = testEnv('redisUrl');
  const config = loadConfig({
    DATABASE_URL: database.url,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    LOG_LEVEL: 'silent',
    // Suites send thousands of requests from one address (the fuzz test with wrong keys too);
    // rate-limit tests set their own limits.
    RATE_LIMIT_PER_KEY: '10000000',
    RATE_LIMIT_PER_IP: '10000000',
    RATE_LIMIT_FAILED_AUTH: '10000000',
    ...env,
  });
  const runtime = await startRuntime(config, { applicationName: 'newsledger-test-app', log: () => undefined, logDestination });
  const app = await createHttpApp(runtime, definition);
  await app.listen({ port: 0, host: '127.0.0.1' });
  await bootstrapAdminKey(app, runtime);
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    runtime,
    baseUrl,
    adminKey: TEST_ADMIN_KEY,
    request(path, { key = TEST_ADMIN_KEY, json, headers, ...init } = {}) {
      const merged = new Headers(headers);
      if (key !== null) merged.set('authorization', `Bearer ${key}`);
      if (json !== undefined) merged.set('content-type', 'application/json');
      return fetch(baseUrl + path, { ...init, headers: merged, body: json !== undefined ? JSON.stringify(json) : init.body });
    },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
