import { Queue, Worker, createPostgresBackend, type Processor, type QueueOptions, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type pg from 'pg';

type QueueSettings = Omit<QueueOptions, 'connection'>;
type WorkerSettings = Omit<WorkerOptions, 'connection'>;

/**
 * Where BullMQ keeps its jobs: Redis through ioredis for scale-out, or BullMQ's own
 * PostgreSQL backend in the service's database for the single-machine default.
 * Callers get the same Queue and Worker classes either way.
 */
export interface QueueBackend {
  readonly kind: 'redis' | 'postgres';
  /** A producer. `failFast` makes adds reject at once while the store is unreachable instead of waiting. */
  createQueue<T>(name: string, settings?: QueueSettings & { failFast?: boolean }): Queue<T>;
  createWorker<T>(name: string, processor: Processor<T>, settings?: WorkerSettings): Worker<T>;
  /** Resolves when the job store answers; readiness probes call it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * BullMQ gets connection options, not clients, so it owns its connections and closes them with
 * the queue or worker (a client handed to it counts as shared and is never closed).
 */
export function redisQueueBackend(redisUrl: string): QueueBackend {
  const target = { url: redisUrl };
  let probe: Redis | undefined;
  return {
    kind: 'redis',
    ping: async () => {
      probe ??= new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
      if (probe.status === 'wait') await probe.connect();
      await probe.ping();
    },
    close: async () => {
      probe?.disconnect();
    },
    createQueue: <T>(name: string, { failFast = false, ...settings }: QueueSettings & { failFast?: boolean } = {}) =>
      new Queue<T>(name, {
        ...settings,
        connection: { ...target, ...(failFast ? { maxRetriesPerRequest: 1, enableOfflineQueue: false } : { maxRetriesPerRequest: null }) },
      }),
    // Workers block on Redis; BullMQ requires maxRetriesPerRequest: null for them.
    createWorker: <T>(name: string, processor: Processor<T>, settings: WorkerSettings = {}) =>
      new Worker<T>(name, processor, { ...settings, connection: { ...target, maxRetriesPerRequest: null } }),
  };
}

// Typed as the Redis-flavoured classes because callers only use the backend-agnostic API
// (add, getJob, counts, close), which BullMQ keeps identical on both backends.
export function postgresQueueBackend(databaseUrl: string, pool: pg.Pool, { poolSize }: { poolSize: number }): QueueBackend {
  // Each queue and worker gets a pool this size (plus BullMQ's LISTEN connection).
  const connection = { connectionString: databaseUrl, max: poolSize };
  return {
    kind: 'postgres',
    ping: async () => {
      const { rows } = await pool.query<{ ready: boolean }>(`SELECT to_regnamespace('bullmq') IS NOT NULL AS ready`);
      if (!rows[0]?.ready) throw new Error('BullMQ schema is missing: run the migrations');
    },
    close: async () => undefined,
    createQueue: <T>(name: string, { failFast: _ignored, ...settings }: QueueSettings & { failFast?: boolean } = {}) =>
      new Queue(name, { ...settings, connection }, createPostgresBackend) as unknown as Queue<T>,
    createWorker: <T>(name: string, processor: Processor<T>, settings: WorkerSettings = {}) =>
      new Worker(name, processor as Processor, { ...settings, connection }, createPostgresBackend) as unknown as Worker<T>,
  };
}

