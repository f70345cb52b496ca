import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, QUEUE_BACKEND, type AppConfig, type QueueBackend } from '@newsledger/platform';
import type { Job, JobState, Queue } from 'bullmq';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { trackQueueDepth } from '../metrics/alert-metrics.js';
import type { NewDelivery, QueuedDelivery } from './delivery.js';
import { planJobs, type PlannedJob } from './delivery-jobs.js';

/**
 * A job names its deliveries and nothing else: the messages live in PostgreSQL. One delivery's own
 * job (job id = delivery id) may carry the attempts it made in earlier jobs, so a delivery retried
 * out of a group keeps its place in the retry schedule.
 */
export type DeliveryJob = { delivery_id: string; attempts_made?: number } | { delivery_ids: string[] };

/** A delivery handed to a job of its own, to run after `delayMs`, having made `attemptsMade` attempts. */
export interface HandOff {
  id: string;
  delayMs: number;
  attemptsMade: number;
}

/** The backoff type the workers resolve with the retry schedule (see retry-schedule.ts). */
export const BACKOFF_TYPE = 'webhook-schedule';
const JOB_NAME = 'deliver';
const LIVE: readonly (JobState | 'unknown')[] = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'];

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
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
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

  /** The jobs for new deliveries, and the rows to write first, each naming its job. */
  plan(deliveries: readonly NewDelivery[]): { rows: QueuedDelivery[]; jobs: PlannedJob[] } {
    return planJobs(deliveries, this.options.deliveriesPerJob);
  }

  /** Adds the planned jobs; a job id the queue already has is left as it is (BullMQ dedupes on jobId). */
  async enqueue(jobs: readonly PlannedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map(({ jobId, deliveryIds }) => ({
        name: JOB_NAME,
        data: deliveryIds.length === 1 ? { delivery_id: deliveryIds[0] } : { delivery_ids: deliveryIds },
        opts: { jobId },
      })),
    );
  }

  /** Adds, and on failure leaves the deliveries to the sweeper: for callers whose rows are already committed. */
  async enqueueOrLeaveToSweeper(jobs: readonly PlannedJob[]): Promise<void> {
    await this.enqueue(jobs).catch((error: Error) =>
      this.logger.warn(`enqueue failed, the sweeper will pick ${jobs.length} jobs' deliveries up: ${error.message}`),
    );
  }

  /** Gives each delivery a delayed job of its own (a group's member to retry, or over its endpoint's cap). */
  async handOff(deliveries: readonly HandOff[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.queue.addBulk(
      deliveries.map(({ id, delayMs, attemptsMade }) => ({
        name: JOB_NAME,
        data: { delivery_id: id, attempts_made: attemptsMade },
        opts: { jobId: id, delay: delayMs },
      })),
    );
  }

  /**
   * Makes sure a delivery has a job that will run. Its own job first: a waiting, delayed or active
   * one is left alone; a finished one although the row is not settled (a dead delivery asked to
   * retry, or a worker that could not record the outcome) runs again with a fresh retry schedule
   * (BullMQ otherwise keeps the spent attempt count, and a dead delivery would get one attempt).
   * Without one, a live `groupJobId` (the group that first carried it, still in a backlog) is its
   * job; else one is added (lost with a flushed Redis, or a hand-off that failed).
   */
  async ensureQueued(id: string, groupJobId: string | null = null): Promise<'added' | 'rerun' | 'queued'> {
    const job = await this.queue.getJob(id);
    if (job) {
      const state = await job.getState();
      if (state !== 'failed' && state !== 'completed') return 'queued';
      // Nor the attempts an earlier job handed on.
      const fresh: DeliveryJob = { delivery_id: id };
      if ('attempts_made' in job.data) await (job as Job<DeliveryJob>).updateData(fresh);
      await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
      return 'rerun';
    }
    const group = groupJobId ? await this.queue.getJob(groupJobId) : undefined;
    if (group && LIVE.includes(await group.getState())) return 'queued';
    await this.enqueue([{ jobId: id, deliveryIds: [id] }]);
    return 'added';
  }

  async onModuleDestroy(): Promise<void> {
    this.untrack();
    await this.queue.close();
  }
}
