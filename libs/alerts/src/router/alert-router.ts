import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LogConsumer, type FollowUp, type RecordedEvent } from '@newsledger/event-store';
import { DATABASE_URL, PG_POOL } from '@newsledger/platform';
import type pg from 'pg';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import type { NewDelivery, QueuedDelivery } from '../deliveries/delivery.js';
import type { PlannedJob } from '../deliveries/delivery-jobs.js';
import { DeliveryQueue } from '../deliveries/delivery-queue.js';
import { planDeliveries } from '../deliveries/plan-deliveries.js';
import { reviewJurisdictions } from '../deliveries/review-jurisdictions.js';
import { criteriaOf } from '../subscriptions/subscription.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';

/** The router's checkpoint is its own: rebuilding read models never re-sends an alert. */
export const ALERT_ROUTER_CONSUMER = 'alert-router';

/**
 * Tails the log and fans each event out to the active subscriptions it matches: a delivery row,
 * then a job for up to `deliveriesPerJob` of the batch's deliveries. Rows are committed before their
 * jobs are added (their derived ids make a retried batch a no-op), and every job is added before the
 * checkpoint moves, so it only moves past events whose jobs exist. A batch fanning out to more than
 * `routerDeliveriesPerCommit` deliveries is written in chunks, each chunk's jobs added while the next
 * one's rows are written, so workers start on the first before the last are in.
 * If the queue is unreachable the add fails fast, the checkpoint stays and the consumer retries the batch.
 */
@Injectable()
export class AlertRouter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertRouter.name);
  private consumer?: LogConsumer;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = new LogConsumer(this.pool, this.databaseUrl, {
      name: ALERT_ROUTER_CONSUMER,
      batchSize: this.options.routerBatchSize,
      idleWaitMs: this.options.routerIdleWaitMs,
      handle: (events, client) => this.route(events, client),
      logger: {
        warn: (details, message) => this.logger.warn(describe(message, details)),
        error: (details, message) => this.logger.error(describe(message, details)),
      },
    });
    this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }

  /**
   * Writes the batch's first chunk of deliveries in the batch's transaction and returns the rest of
   * the work, which the consumer runs once that is committed and before it moves the checkpoint. All
   * of it runs on the batch's own connection (it never waits for a second one, which on a small pool
   * may never come).
   */
  async route(events: RecordedEvent[], client: pg.PoolClient): Promise<FollowUp | void> {
    const jurisdictions = await reviewJurisdictions(client, events);
    const recipients = (await this.subscriptions.listActive(client)).map((s) => ({ id: s.id, criteria: criteriaOf(s) }));
    const planned = events.flatMap((event) => planDeliveries(event, jurisdictions.get(event.event_id) ?? null, recipients));
    if (planned.length === 0) return;
    const [first, ...rest] = this.chunks(planned);
    await this.deliveries.insert(first.rows, client);
    return () => this.enqueueWhileWriting(first.jobs, rest, client);
  }

  /** Whole jobs' worth of deliveries, about `routerDeliveriesPerCommit` to a chunk, in order. */
  private chunks(planned: readonly NewDelivery[]): { rows: QueuedDelivery[]; jobs: PlannedJob[] }[] {
    const { deliveriesPerJob, routerDeliveriesPerCommit } = this.options;
    const size = Math.max(1, Math.round(routerDeliveriesPerCommit / deliveriesPerJob)) * deliveriesPerJob;
    const chunks = [];
    for (let i = 0; i < planned.length; i += size) chunks.push(this.queue.plan(planned.slice(i, i + size)));
    return chunks;
  }

  /**
   * Adds `jobs`, whose rows are committed, while the next chunk's rows are written (a commit of their
   * own, outside the batch's transactions), then that chunk's jobs, and so on.
   */
  private async enqueueWhileWriting(
    jobs: readonly PlannedJob[],
    rest: readonly { rows: QueuedDelivery[]; jobs: PlannedJob[] }[],
    client: pg.PoolClient,
  ): Promise<void> {
    let adding = this.queue.enqueue(jobs);
    for (const chunk of rest) {
      await Promise.all([adding, this.deliveries.insert(chunk.rows, client)]);
      adding = this.queue.enqueue(chunk.jobs);
    }
    await adding;
  }
}

function describe(message: string, details: { err?: unknown }): string {
  return details.err instanceof Error ? `${message}: ${details.err.message}` : message;
}
