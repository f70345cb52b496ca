import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { DeliveryQueue } from '../deliveries/delivery-queue.js';
import type { Keyset } from '../http/pagination.js';

const BATCH = 500;

/**
 * PostgreSQL is the record of what must be sent; the queue only schedules it. Every interval the
 * sweeper takes the next batch of overdue unsettled deliveries and makes sure each has a live job,
 * so nothing is lost when Redis is flushed, replaced, or was down when a job was due to be added.
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliverySweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping: Promise<void> | null = null;
  private after: Keyset | null = null;

  constructor(
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(
          () => undefined,
          (error: Error) => this.logger.warn(`sweep failed: ${error.message}`),
        )
        .finally(() => (this.sweeping = null));
    }, this.options.sweepIntervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One batch; returns how many deliveries needed a job. */
  async sweep(): Promise<number> {
    const overdue = await this.deliveries.overdue(this.options.sweepGraceMs, this.after, BATCH);
    const last = overdue.at(-1);
    this.after = overdue.length === BATCH && last ? { at: last.next_attempt_at, id: last.id } : null;
    let requeued = 0;
    for (const { id, job_id } of overdue) {
      if ((await this.queue.ensureQueued(id, job_id)) !== 'queued') requeued++;
    }
    if (requeued > 0) this.logger.warn(`re-queued ${requeued} deliveries the queue did not hold`);
    return requeued;
  }
}
