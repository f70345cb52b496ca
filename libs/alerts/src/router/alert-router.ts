import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LogConsumer, type FollowUp, type RecordedEvent } from '@newsledger/event-store';
import { DATABASE_URL, PG_POOL } from '@newsledger/platform';
import type pg from 'pg';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { DeliveryQueue } from '../deliveries/delivery-queue.js';
import { planDeliveries } from '../deliveries/plan-deliveries.js';
import { reviewJurisdictions } from '../deliveries/review-jurisdictions.js';
import { criteriaOf } from '../subscriptions/subscription.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';

/** The router's checkpoint is its own: rebuilding read models never re-sends an alert. */
export const ALERT_ROUTER_CONSUMER = 'alert-router';

/**
 * Tails the log and fans each event out to the active subscriptions it matches: a delivery row,
 * then a job for up to `deliveriesPerJob` of the batch's deliveries. The rows are committed first (their derived ids make a retried batch a no-op) and the
 * jobs added after that, before the checkpoint moves, so it only moves past events whose jobs exist.
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
   * Writes the batch's deliveries on the batch's own connection (it never waits for a second one, which
   * on a small pool may never come) and returns the adding of their jobs, which the consumer runs once
   * the rows are committed and before it moves the checkpoint.
   */
  async route(events: RecordedEvent[], client: pg.PoolClient): Promise<FollowUp | void> {
    const jurisdictions = await reviewJurisdictions(client, events);
    const recipients = (await this.subscriptions.listActive(client)).map((s) => ({ id: s.id, criteria: criteriaOf(s) }));
    const planned = events.flatMap((event) => planDeliveries(event, jurisdictions.get(event.event_id) ?? null, recipients));
    if (planned.length === 0) return;
    const { rows, jobs } = this.queue.plan(planned);
    await this.deliveries.insert(rows, client);
    return () => this.queue.enqueue(jobs);
  }
}

function describe(message: string, details: { err?: unknown }): string {
  return details.err instanceof Error ? `${message}: ${details.err.message}` : message;
}
