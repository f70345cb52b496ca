import path from 'node:path';
import { runMigrations as runQueueMigrations } from 'bullmq';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { PROJECT_ROOT } from '../project-root.js';
import { guardClient } from './pg-pool.js';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'infra/migrations');

/**
 * Applies the numbered `.sql` migrations, then BullMQ's own schema when the queue runs on
 * PostgreSQL. node-pg-migrate holds an advisory lock (waiting, not failing) so processes that
 * start together apply each migration once.
 */
export async function migrateDatabase(
  databaseUrl: string,
  { queueOnPostgres, log = () => undefined }: { queueOnPostgres: boolean; log?: (line: string) => void },
): Promise<void> {
  // Our own client, so a connection lost mid-migration rejects the run instead of crashing the process;
  // no statement timeout (a migration may wait on another process's lock) and pg's default types.
  const client = guardClient(new pg.Client({ connectionString: databaseUrl, application_name: 'newsledger-migrate' }));
  await client.connect();
  try {
    await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'schema_migrations',
      count: Infinity,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      log,
    });
    if (queueOnPostgres) await runQueueMigrations(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
