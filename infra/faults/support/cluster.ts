import { PROJECTIONS } from '@newsledger/read-models';
import {
  AppProcess,
  eventually,
  PostgresServer,
  RedisServer,
  WebhookReceiver,
  withDatabase,
  type AppName,
} from '@newsledger/testing';
import pg from 'pg';

export const ADMIN_KEY = 'nlk_fault-tests-admin-key-0123456789';

export type ServiceApp = Exclude<AppName, 'all'>;
const SERVICE_APPS: ServiceApp[] = ['api', 'projector', 'alert-router', 'webhook-worker'];

export interface ClusterOptions {
  /** Variables for every app on top of the cluster's. */
  env?: Record<string, string>;
  /** Processes per app (1 each by default). */
  replicas?: Partial<Record<ServiceApp, number>>;
}

/**
 * The scale-out topology on one machine, all of it the test's own: a PostgreSQL cluster and a
 * redis-server on free ports, the four built apps as separate processes, and a webhook receiver.
 * Recovery intervals are short (sweep 500 ms, job lock 2 s) so that what a fault breaks shows within
 * a test's patience.
 */
export class Cluster {
  readonly pool: pg.Pool;

  /** The first process of each app. */
  readonly apps: Record<ServiceApp, AppProcess>;

  private constructor(
    readonly postgres: PostgresServer,
    readonly redis: RedisServer,
    /** Every process of each app. */
    readonly replicas: Record<ServiceApp, AppProcess[]>,
    readonly receiver: WebhookReceiver,
    readonly databaseUrl: string,
  ) {
    this.apps = Object.fromEntries(SERVICE_APPS.map((app) => [app, replicas[app][0]])) as Record<ServiceApp, AppProcess>;
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
    this.pool.on('error', () => undefined);
  }

  static async start({ env = {}, replicas = {} }: ClusterOptions = {}): Promise<Cluster> {
    // What is started so far, stopped again if a later step fails: the test never gets a cluster to
    // close, and servers left running would outlive the test run.
    const undo: (() => Promise<unknown>)[] = [];
    try {
      const postgres = await PostgresServer.start();
      undo.push(() => postgres.close());
      const redis = await RedisServer.start();
      undo.push(() => redis.stop());
      const receiver = await WebhookReceiver.start();
      undo.push(() => receiver.close());
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query('CREATE DATABASE newsledger');
      await admin.end();
      const databaseUrl = withDatabase(postgres.url, 'newsledger');
      const appEnv = {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        ADMIN_API_KEY: ADMIN_KEY,
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_RETRY_SCHEDULE: '200ms,500ms,1s,2s,2s,2s,2s,2s',
        WEBHOOK_TIMEOUT: '5s',
        WEBHOOK_SWEEP_INTERVAL: '500ms',
        WEBHOOK_LOCK_DURATION: '2s',
        ...env,
      };
      // The api migrates the database first; the others then find it migrated.
      const api = await AppProcess.start('api', { env: appEnv });
      undo.push(() => api.stop());
      const starting = await Promise.allSettled(
        SERVICE_APPS.flatMap((app) => Array.from({ length: (replicas[app] ?? 1) - (app === 'api' ? 1 : 0) }, () => AppProcess.start(app, { env: appEnv }))),
      );
      const others = starting.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      undo.push(...others.map((process) => () => process.stop()));
      const failed = starting.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      const processes = Object.fromEntries(SERVICE_APPS.map((app) => [app, [api, ...others].filter((process) => process.app === app)]));
      return new Cluster(postgres, redis, processes as Record<ServiceApp, AppProcess[]>, receiver, databaseUrl);
    } catch (error) {
      for (const step of undo.reverse()) await step().catch(() => undefined);
      throw error;
    }
  }

  /** A request to the api (the first, unless `via` names another) with the admin key. */
  request(path: string, { json, via = this.apps.api, ...init }: RequestInit & { json?: unknown; via?: AppProcess } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${ADMIN_KEY}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(via.baseUrl + path, {
      ...init,
      headers,
      body: json !== undefined ? JSON.stringify(json) : init.body,
      signal: init.signal ?? AbortSignal.timeout(30_000),
    });
  }

  /** A subscription to every event at `path` on the receiver. */
  async subscribe(path: string): Promise<string> {
    const response = await this.request('/v1/subscriptions', { method: 'POST', json: { url: this.receiver.url(path), event_types: ['*'] } });
    if (response.status !== 201) throw new Error(`subscribing: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  }

  async eventIds(): Promise<string[]> {
    return (await this.pool.query<{ event_id: string }>('SELECT event_id FROM events ORDER BY global_position')).rows.map((r) => r.event_id);
  }

  /** Waits until every projection has processed every event in the log. */
  async untilProjected(timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        const { rows } = await this.pool.query<{ behind: string[] }>(
          // Log order is (transaction_id, global_position): the last event in it need not hold the highest position.
          `WITH head AS (SELECT transaction_id, global_position FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1)
           SELECT array_agg(p.name) FILTER (WHERE c.name IS NULL OR (c.transaction_id, c.global_position) < (head.transaction_id, head.global_position)) AS behind
             FROM unnest($1::text[]) AS p (name) LEFT JOIN checkpoints c ON c.name = p.name CROSS JOIN head`,
          [PROJECTIONS.map((p) => p.name)],
        );
        if (rows[0]?.behind?.length) throw new Error(`projections behind the log: ${rows[0].behind.join(', ')}`);
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** The event ids `path` has answered 2xx for (a delivery the service counts as done). */
  deliveredAt(path: string): Set<string> {
    return new Set(
      this.receiver
        .at(path)
        .filter((hit) => hit.answered !== undefined && hit.answered < 300)
        .map((hit) => (JSON.parse(hit.body) as { data: { event_id: string } }).data.event_id),
    );
  }

  /** Waits until `path` has received, and answered 2xx to, every event of the log at least once. */
  async untilDelivered(path: string, timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        const expected = await this.eventIds();
        const got = this.deliveredAt(path);
        const missing = expected.filter((id) => !got.has(id));
        if (missing.length > 0) throw new Error(`${path} lacks ${missing.length} of ${expected.length} events`);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** The webhook-ids received at `path` that no delivery row accounts for. */
  async unexpectedWebhookIds(path: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ message_id: string }>('SELECT message_id FROM deliveries');
    const known = new Set(rows.map((r) => r.message_id));
    return [...new Set(this.receiver.at(path).map((hit) => String(hit.headers['webhook-id'])))].filter((id) => !known.has(id));
  }

  /** Every app's log, for a failing test's message. */
  logs(): string {
    return Object.values(this.replicas)
      .flat()
      .map((app) => `=== ${app.app} ===\n${app.logs().slice(-4000)}`)
      .join('\n');
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.replicas).flat().map((app) => app.stop()));
    await this.pool.end();
    await this.receiver.close();
    await this.redis.stop();
    await this.postgres.close();
  }
}
