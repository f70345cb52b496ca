import type pg from 'pg';
import type { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../config/config.schema.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { migrateDatabase } from '../database/migrate.js';
import { createPool } from '../database/pg-pool.js';
import { createRootLogger } from '../logging/logger.module.js';
import { postgresQueueBackend, redisQueueBackend, type QueueBackend } from '../queue/queue-backend.js';

/** What every app needs before Nest starts: a migrated database, a pool and a queue backend. */
export interface Runtime {
  readonly config: AppConfig;
  readonly databaseUrl: string;
  readonly embedded: boolean;
  readonly pool: pg.Pool;
  readonly queue: QueueBackend;
  readonly logger: Logger;
  /** Closes the pool and the queue probe, and stops an embedded PostgreSQL last. */
  close(): Promise<void>;
}

export async function startRuntime(
  config: AppConfig,
  { applicationName, log, logDestination }: { applicationName: string; log: (line: string) => void; logDestination?: DestinationStream },
): Promise<Runtime> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, () => undefined);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  try {
    await migrateDatabase(databaseUrl, { queueOnPostgres: !config.redisUrl, log });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const pool = createPool(databaseUrl, { max: config.pgPoolMax, applicationName });
  const queue = config.redisUrl ? redisQueueBackend(config.redisUrl) : postgresQueueBackend(databaseUrl, pool, { poolSize: config.pgPoolMax });
  return {
    config,
    logger: createRootLogger(config, logDestination),
    databaseUrl,
    embedded: embedded !== null,
    pool,
    queue,
    async close() {
      await queue.close();
      await pool.end();
      await embedded?.stop();
    },
  };
}
