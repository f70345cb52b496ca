import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, QUEUE_BACKEND, type AppConfig, type QueueBackend } from '@newsledger/platform';
import type { Queue } from 'bullmq';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { trackQueueDepth } from '../metrics/alert-metrics.js';

/** A job names its delivery and nothing else: the message lives in PostgreSQL. */
export interface DeliveryJob {
  delivery_id: string;
}

/** The backoff type the workers resolve with the retry schedule (see retry-schedule.ts). */
export const BACKOFF_TYPE = 'webhook-schedule';
const JOB_NAME = 'deliver';

/**
 * The producer side of the delivery queue. It fails fast: an add while the queue's store is down
 * rejects at once, so the router's transaction rolls back instead of hanging.
 */
@Injectable()
export class DeliveryQueue implements OnModuleDestroy {
  private readonly logger = new Logger(DeliveryQueue.name);
  readonly queue: Queue<DeliveryJob>;
  private readonly untrack: () => void;

  constructor(
    @Inject(QUEUE_BACKEND) backend: QueueBackend,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ALERTS_OPTIONS) options: AlertsOptions,
  ) {
    this.queue = backend.createQueue<DeliveryJob>(options.queueName, {
      failFast: true,
      defaultJobOptions: {
        attempts: config.webhook.retryScheduleMs.length + 1,
        backoff: { type: BACKOFF_TYPE },
        // A delivered job has nothing left to tell (its attempts are in PostgreSQL); failed ones stay
        // for inspection (the dashboard, `job.retry`).
        removeOnComplete: true,
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
    // Connection errors surface on the adds that fail; the listener keeps them from crashing the process.
    this.queue.on('error', (error) => this.logger.debug(`queue connection: ${error.message}`));
    this.untrack = trackQueueDepth(this.queue);
  }

  /** Adds a job per delivery; an id that already has a job is left as it is (BullMQ dedupes on jobId). */
  async enqueue(deliveries: { id: string; delayMs?: number }[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.queue.addBulk(
      deliveries.map(({ id, delayMs }) => ({ name: JOB_NAME, data: { delivery_id: id }, opts: { jobId: id, delay: delayMs } })),
    );
  }

  /** Adds, and on failure leaves the delivery to the sweeper: for callers whose row is already committed. */
  async enqueueOrLeaveToSweeper(ids: string[]): Promise<void> {
    await this.enqueue(ids.map((id) => ({ id }))).catch((error: Error) =>
      this.logger.warn(`enqueue failed, the sweeper will pick ${ids.length} deliveries up: ${error.message}`),
    );
  }

  /**
   * Makes sure a delivery has a job that will run: adds it when the queue does not know it (lost with
   * a flushed Redis), re-runs it when its job is finished although the row is not settled (a dead
   * delivery asked to retry, or a worker that could not record the outcome) with a fresh retry
   * schedule (BullMQ otherwise keeps the spent attempt count, and a dead delivery would get one
   * attempt). Waiting, delayed and active jobs are left alone.
   */
  async ensureQueued(id: string): Promise<'added' | 'rerun' | 'queued'> {
    const job = await this.queue.getJob(id);
    if (!job) {
      await this.enqueue([{ id }]);
      return 'added';
    }
    const state = await job.getState();
    if (state !== 'failed' && state !== 'completed') return 'queued';
    await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
    return 'rerun';
  }

  async onModuleDestroy(): Promise<void> {
    this.untrack();
    await this.queue.close();
  }
}
