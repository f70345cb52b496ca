// Runs once per `npm test`, outside jest's module system, so it is plain JavaScript and imports
// packages (and, with no PostgreSQL to use, the built platform's embedded start). It finds PostgreSQL and Redis; each test file then clones a migrated template
// database (see libs/testing/src/test-database.ts).
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

export default async function globalSetup() {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl || !(await postgresAnswers(adminUrl))) {
    adminUrl = await startEmbedded();
    process.stdout.write(`\nTests use an embedded PostgreSQL (DATABASE_URL ${process.env.DATABASE_URL ? 'did not answer' : 'is not set'}).\n`);
  }
  process.env.NEWSLEDGER_TEST_PG_ADMIN_URL = adminUrl;
  process.env.NEWSLEDGER_TEST_PG_TEMPLATE = `newsledger_template_${process.pid}`;
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl && (await redisAnswers(redisUrl))) {
    process.env.NEWSLEDGER_TEST_REDIS_URL = redisUrl;
  } else {
    process.stdout.write("Redis is not answering: queue suites run on BullMQ's PostgreSQL backend.\n");
  }
}

/**
 * A throwaway cluster for this run, started by the service's own embedded start from the build (plain
 * JavaScript cannot import its TypeScript), so root, private directories and process groups are
 * handled in one place.
 */
async function startEmbedded() {
  const built = new URL('../../../dist/libs/platform/src/database/embedded-postgres.js', import.meta.url);
  if (!existsSync(built)) {
    throw new Error('Tests without DATABASE_URL start the embedded PostgreSQL from the build: run `npm run build` first (npm install does).');
  }
  const { startEmbeddedPostgres } = await import(built.href);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsledger-test-pg-'));
  // Run as root, the postgres user must enter it.
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres(dataDir, () => undefined, {
    persistent: false,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  });
  globalThis.__newsledgerEmbeddedPostgres = {
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server.url;
}

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, enableOfflineQueue: false });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
