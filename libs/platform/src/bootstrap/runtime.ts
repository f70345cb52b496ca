import type pg from 'pg';
import type { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../config/config.schema.js';
import { openEmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres.js';
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
  /** Where read-model queries go: a pool on DATABASE_READ_URL, or `pool` when that is unset. */
  readonly readPool: pg.Pool;
  readonly queue: QueueBackend;
  readonly logger: Logger;
  /** Closes the queue probe and the pool, and stops an embedded PostgreSQL last; idempotent. */
  close(): Promise<void>;
}

export async function startRuntime(
  config: AppConfig,
  {
    applicationName,
    log,
    shareEmbedded = false,
    logDestination,
  }: {
    applicationName: string;
    log: (line: string) => void;
    /** Use the embedded PostgreSQL a running service already serves on DATA_DIR (the CLI does) instead of refusing to start. */
    shareEmbedded?: boolean;
    /** Where the logs go (tests capture them); stdout by default. */
    logDestination?: DestinationStream;
  },
): Promise<Runtime> {
  const embedded = config.databaseUrl
    ? null
    : await (shareEmbedded ? openEmbeddedPostgres : startEmbeddedPostgres)(config.dataDir, () => undefined);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const redis = config.redisClusterNodes ? { clusterNodes: config.redisClusterNodes } : config.redisUrl ? { url: config.redisUrl } : null;
  try {
    await migrateDatabase(databaseUrl, { queueOnPostgres: redis === null, log });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const pool = createPool(databaseUrl, { max: config.pgPoolMax, applicationName });
  const readPool = config.databaseReadUrl ? createPool(config.databaseReadUrl, { max: config.pgPoolMax, applicationName }) : pool;
  const queue = redis ? redisQueueBackend(redis) : postgresQueueBackend(databaseUrl, pool, { poolSize: config.pgPoolMax });
  const logger = createRootLogger(config, logDestination);
  // A store that cannot be asked yet is not a start-up failure: readiness reports it until it answers.
  for (const warning of await queue.warnings().catch(() => [])) logger.warn(warning);
  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    databaseUrl,
    embedded: embedded !== null,
    pool,
    readPool,
    queue,
    close: () =>
      (closing ??= (async () => {
        try {
          await queue.close();
          if (readPool !== pool) await readPool.end();
          await pool.end();
        } finally {
          await embedded?.stop();
        }
      })()),
  };
}
