import { Queue, Worker, createPostgresBackend, type ConnectionOptions, type Processor, type QueueOptions, type WorkerOptions } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
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
  /** What about the job store's settings puts jobs at risk, in words for the operator; checked at start. */
  warnings(): Promise<string[]>;
  close(): Promise<void>;
}

/** One Redis by URL, or a Redis Cluster by its seed nodes. */
export type RedisTarget = { readonly url: string } | { readonly clusterNodes: readonly { readonly host: string; readonly port: number }[] };

/**
 * Every queue's keys start with this hash tag: Redis Cluster places keys by the part in braces, so
 * all of a queue's keys share one slot, as BullMQ's multi-key scripts need. One Redis ignores it.
 */
export const QUEUE_PREFIX = '{newsledger}';

/**
 * On one Redis, BullMQ gets connection options, not clients, so it owns its connections and closes
 * them with the queue or worker (a client handed to it counts as shared and is never closed).
 * A cluster can only be handed over as a client, so the backend keeps those and closes them last.
 */
export function redisQueueBackend(target: RedisTarget): QueueBackend {
  const clusters: Cluster[] = [];
  const connection = (options: { maxRetriesPerRequest: number | null; enableOfflineQueue?: boolean }): ConnectionOptions => {
    if ('url' in target) return { url: target.url, ...options };
    const cluster = new Cluster([...target.clusterNodes], { redisOptions: options, enableOfflineQueue: options.enableOfflineQueue ?? true });
    // Errors surface on the commands that fail; unhandled they would crash the process.
    cluster.on('error', () => undefined);
    clusters.push(cluster);
    return cluster;
  };
  let probe: Redis | Cluster | undefined;
  const probeClient = () => {
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true };
    return 'url' in target
      ? new Redis(target.url, options)
      : new Cluster([...target.clusterNodes], { lazyConnect: true, enableOfflineQueue: false, redisOptions: options });
  };
  return {
    kind: 'redis',
    ping: async () => {
      probe ??= probeClient();
      if (probe.status === 'wait') await probe.connect();
      await probe.ping();
    },
    warnings: async () => {
      probe ??= probeClient();
      if (probe.status === 'wait') await probe.connect();
      const nodes = probe instanceof Cluster ? probe.nodes('master') : [probe];
      const policies = await Promise.all(nodes.map(async (node) => /^maxmemory_policy:(\S+)/m.exec(await node.info('memory'))?.[1]));
      return [...new Set(policies)]
        .filter((policy) => policy !== undefined && policy !== 'noeviction')
        .map(
          (policy) =>
            `Redis maxmemory-policy is "${policy}": under memory pressure Redis will delete queued webhook jobs. ` +
            'Set maxmemory-policy to noeviction on every node the queue uses.',
        );
    },
    close: async () => {
      probe?.disconnect();
      for (const cluster of clusters.splice(0)) cluster.disconnect();
    },
    createQueue: <T>(name: string, { failFast = false, ...settings }: QueueSettings & { failFast?: boolean } = {}) =>
      new Queue<T>(name, {
        prefix: QUEUE_PREFIX,
        ...settings,
        connection: connection(failFast ? { maxRetriesPerRequest: 1, enableOfflineQueue: false } : { maxRetriesPerRequest: null }),
      }),
    // Workers block on Redis; BullMQ requires maxRetriesPerRequest: null for them.
    createWorker: <T>(name: string, processor: Processor<T>, settings: WorkerSettings = {}) =>
      new Worker<T>(name, processor, { prefix: QUEUE_PREFIX, ...settings, connection: connection({ maxRetriesPerRequest: null }) }),
  };
}

// Typed as the Redis-flavoured classes because callers only use the backend-agnostic API
// (add, getJob, counts, close), which BullMQ keeps identical on both backends.
export function postgresQueueBackend(databaseUrl: string, pool: pg.Pool, { poolSize }: { poolSize: number }): QueueBackend {
  // Each queue and worker gets a pool this size (plus BullMQ's LISTEN connection).
  // Its commits do not wait for the WAL flush: every job's state change is a commit of its own, and
  // waiting for the disk on each one made the flush, not the work, set the pace (one fsync per
  // delivery). What a PostgreSQL crash can lose is a job's last transitions, never a delivery: the
  // delivery row is written with a durable commit first, so a lost add is re-queued by the sweeper
  // and a lost completion runs the job again (at-least-once, same webhook-id). A later durable
  // commit on the same server also flushes every earlier one, so the router's checkpoint commit
  // makes the jobs it added durable before the log moves past them.
  const connection = { connectionString: databaseUrl, max: poolSize, options: '-c synchronous_commit=off' };
  return {
    kind: 'postgres',
    ping: async () => {
      const { rows } = await pool.query<{ ready: boolean }>(`SELECT to_regnamespace('bullmq') IS NOT NULL AS ready`);
      if (!rows[0]?.ready) throw new Error('BullMQ schema is missing: run the migrations');
    },
    warnings: async () => [],
    close: async () => undefined,
    createQueue: <T>(name: string, { failFast: _ignored, ...settings }: QueueSettings & { failFast?: boolean } = {}) =>
      new Queue(name, { ...settings, connection }, createPostgresBackend) as unknown as Queue<T>,
    createWorker: <T>(name: string, processor: Processor<T>, settings: WorkerSettings = {}) =>
      new Worker(name, processor as Processor, { ...settings, connection }, createPostgresBackend) as unknown as Worker<T>,
  };
}

