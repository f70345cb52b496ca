import { z } from 'zod';
import { parseDuration } from './duration.js';

const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration like 500ms, 5s, 30m, 2h or 5d` });
    return z.NEVER;
  }
  return ms;
});

const SIZE = /^(\d+)\s*(b|kb|mb)?$/i;
const UNIT = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;
const size = z.string().transform((text, ctx) => {
  const match = SIZE.exec(text.trim());
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a size like 65536, 256kb or 4mb` });
    return z.NEVER;
  }
  return Number(match[1]) * UNIT[(match[2]?.toLowerCase() ?? 'b') as keyof typeof UNIT];
});
const positive = (max: number) => z.coerce.number().int().min(1).max(max);

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const url = (protocols: string[]) =>
  z.string().refine((text) => {
    try {
      return protocols.includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

/** Every environment variable the service reads. README's configuration table mirrors this list. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_READ_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((text, ctx) => {
      const nodes = text.split(',').map((part) => /^([^\s:,]+):(\d{1,5})$/.exec(part.trim()));
      if (nodes.some((match) => match === null)) {
        ctx.addIssue({ code: 'custom', message: 'must be comma-separated host:port pairs like redis-0:6379,redis-1:6379' });
        return z.NEVER;
      }
      return nodes.map((match) => ({ host: match![1]!, port: Number(match![2]) }));
    })
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEBHOOK_ALLOW_HTTP: flag.default(false),
  WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default('5s,5m,30m,2h,5h,10h,10h')
    .transform((text, ctx) => {
      const steps = text.split(',').map((part) => parseDuration(part));
      if (steps.some((ms) => ms === null)) {
        ctx.addIssue({ code: 'custom', message: 'must be comma-separated durations like 5s,5m,30m' });
        return z.NEVER;
      }
      return steps as number[];
    }),
  WEBHOOK_DISABLE_AFTER: duration.prefault('5d'),
  WEBHOOK_TIMEOUT: duration.prefault('15s'),
  WEBHOOK_SWEEP_INTERVAL: duration.prefault('30s'),
  WEBHOOK_LOCK_DURATION: duration.prefault('30s'),
  PG_POOL_MAX: z.coerce.number().int().min(2).max(500).default(10),
  BATCH_BODY_LIMIT: size.prefault('4mb'),
  LIST_CACHE_SIZE: size.prefault('32mb'),
  HTTP_REQUEST_TIMEOUT: duration.prefault('30s'),
  HTTP_IDLE_TIMEOUT: duration.prefault('2m'),
  HTTP_KEEP_ALIVE_TIMEOUT: duration.prefault('72s'),
  RATE_LIMIT_PER_KEY: positive(10_000_000).default(6000),
  RATE_LIMIT_PER_IP: positive(10_000_000).default(12000),
  RATE_LIMIT_FAILED_AUTH: positive(10_000_000).default(60),
  RATE_LIMIT_WINDOW: duration.prefault('1m'),
});

type Parsed = z.infer<typeof configSchema>;

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  /** A streaming replica of DATABASE_URL for the read models' queries; unset: the primary serves them. */
  readonly databaseReadUrl: string | undefined;
  readonly redisUrl: string | undefined;
  /** Seed nodes of a Redis Cluster; when set the queue runs on the cluster (and REDIS_URL is not set). */
  readonly redisClusterNodes: readonly { readonly host: string; readonly port: number }[] | undefined;
  readonly dataDir: string;
  readonly adminApiKey: string | undefined;
  readonly logLevel: Parsed['LOG_LEVEL'];
  readonly pgPoolMax: number;
  readonly http: {
    /** Bytes a `POST /v1/events/batch` body may hold. */
    readonly batchBodyLimit: number;
    /** A request's headers and body must arrive within this. */
    readonly requestTimeoutMs: number;
    /** A socket with no traffic either way is closed after this (SSE heartbeats keep live streams busy). */
    readonly idleTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    /** Bytes of live list pages each api process keeps (0: none kept, every request queries). */
    readonly listCacheBytes: number;
  };
  readonly rateLimit: {
    readonly perKey: number;
    readonly perIp: number;
    readonly failedAuth: number;
    readonly windowMs: number;
  };
  readonly webhook: {
    readonly allowHttp: boolean;
    readonly allowPrivate: boolean;
    readonly retryScheduleMs: readonly number[];
    readonly disableAfterMs: number;
    readonly timeoutMs: number;
    /** How often PostgreSQL is checked for deliveries the queue lost; one overdue by twice this counts as lost. */
    readonly sweepIntervalMs: number;
    /** A worker that dies mid-delivery releases its job after this long (BullMQ's lock and stalled check). */
    readonly lockDurationMs: number;
  };
}

export function toAppConfig(env: Parsed): AppConfig {
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databaseReadUrl: env.DATABASE_READ_URL,
    redisUrl: env.REDIS_URL,
    redisClusterNodes: env.REDIS_CLUSTER_NODES,
    dataDir: env.DATA_DIR,
    adminApiKey: env.ADMIN_API_KEY,
    logLevel: env.LOG_LEVEL,
    pgPoolMax: env.PG_POOL_MAX,
    http: {
      batchBodyLimit: env.BATCH_BODY_LIMIT,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT,
      idleTimeoutMs: env.HTTP_IDLE_TIMEOUT,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT,
      listCacheBytes: env.LIST_CACHE_SIZE,
    },
    rateLimit: {
      perKey: env.RATE_LIMIT_PER_KEY,
      perIp: env.RATE_LIMIT_PER_IP,
      failedAuth: env.RATE_LIMIT_FAILED_AUTH,
      windowMs: env.RATE_LIMIT_WINDOW,
    },
    webhook: {
      allowHttp: env.WEBHOOK_ALLOW_HTTP,
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
      retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE,
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER,
      timeoutMs: env.WEBHOOK_TIMEOUT,
      sweepIntervalMs: env.WEBHOOK_SWEEP_INTERVAL,
      lockDurationMs: env.WEBHOOK_LOCK_DURATION,
    },
  };
}
