import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { AlertRouterModule, WebhookWorkerModule, type AlertsOptions } from '@newsledger/alerts';
import { EventStore, type EventToAppend } from '@newsledger/event-store';
import { createAppContext, loadConfig, startRuntime, type Runtime } from '@newsledger/platform';
import { Agent, request } from 'undici';
import { WebhookReceiver } from '../../libs/testing/src/webhook-receiver.js';
import { DeliveryQueue } from '../../libs/alerts/src/deliveries/delivery-queue.js';
import { SubscriptionsRepository } from '../../libs/alerts/src/subscriptions/subscriptions.repository.js';
import { generateWebhookSecret } from '../../libs/alerts/src/subscriptions/webhook-secret.js';
import { sampleEvent } from '../event-store/sample-events.js';
import type { ScratchDatabase } from '../lib/scratch-database.js';

export type Backend = 'redis' | 'postgres';

/** The router and the workers in one process over a scratch database, delivering to a loopback receiver. */
export class Pipeline {
  private constructor(
    readonly runtime: Runtime,
    private readonly context: INestApplicationContext,
    readonly receiver: WebhookReceiver,
    readonly store: EventStore,
  ) {}

  static async start(db: ScratchDatabase, backend: Backend, redisUrl: string, options: Partial<AlertsOptions> = {}): Promise<Pipeline> {
    const config = loadConfig({
      DATABASE_URL: db.url,
      ...(backend === 'redis' ? { REDIS_URL: redisUrl } : {}),
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      LOG_LEVEL: 'silent',
      PG_POOL_MAX: '40',
    });
    const runtime = await startRuntime(config, { applicationName: 'bench-alerts', log: () => undefined });
    const settings = { queueName: `bench-webhooks-${randomBytes(4).toString('hex')}`, ...options };
    const context = await createAppContext(runtime, [AlertRouterModule.forRoot(settings), WebhookWorkerModule.forRoot(settings)]);
    return new Pipeline(runtime, context, await WebhookReceiver.start(), new EventStore(runtime.pool));
  }

  /** `count` subscriptions to every event type, each at its own path of the receiver. */
  async subscribe(count: number): Promise<void> {
    const subscriptions = new SubscriptionsRepository(this.runtime.pool);
    await this.runtime.pool.query(`UPDATE subscriptions SET status = 'disabled', disabled_at = now(), disabled_reason = 'bench case over'`);
    for (let i = 0; i < count; i++) {
      const filter = { companies: [], regions: [], jurisdictions: [], min_confidence: null };
      await subscriptions.create({ url: this.receiver.url(`/s/${i}`), description: null, event_types: ['*'], filter }, generateWebhookSecret());
    }
  }

  /** Appends `events` to new streams, up to 500 to a stream in one call, so appending is not what is measured. */
  async append(events: EventToAppend[]): Promise<void> {
    for (let i = 0; i < events.length; i += 500) {
      await this.store.append(`acquisition:bench-${events[i].event_id}`, events.slice(i, i + 500), 'no_stream');
    }
  }

  async untilReceived(count: number, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.receiver.received.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.receiver.received.length} of ${count} webhooks arrived`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    await this.context.get(DeliveryQueue, { strict: false }).queue.obliterate({ force: true });
    await this.context.close();
    await this.receiver.close();
    await this.runtime.close();
  }
}

export function benchEvents(count: number): EventToAppend[] {
  return Array.from({ length: count }, sampleEvent);
}

/** Plain undici POSTs of `bodies` to `url`, `concurrency` at a time through one pooled Agent; returns requests per second. */
export async function rawPosts(url: string, bodies: string[], concurrency: number): Promise<number> {
  const agent = new Agent({ connections: concurrency });
  const started = performance.now();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher: agent });
          await response.body.dump();
        }
      }),
    );
  } finally {
    await agent.close();
  }
  return bodies.length / ((performance.now() - started) / 1000);
}
