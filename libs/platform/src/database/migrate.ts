import path from 'node:path';
import { runMigrations as runQueueMigrations } from 'bullmq';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { PROJECT_ROOT } from '../project-root.js';

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
  await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    count: Infinity,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    log,
  });
  if (queueOnPostgres) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await runQueueMigrations(client);
    } finally {
      await client.end();
    }
  }
}
