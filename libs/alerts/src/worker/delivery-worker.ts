import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, QUEUE_BACKEND, type AppConfig, type QueueBackend } from '@newsledger/platform';
import type { Worker } from 'bullmq';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { BACKOFF_TYPE, type DeliveryJob } from '../deliveries/delivery-queue.js';
import { DeliveryProcessor, RetryLater } from './delivery-processor.js';
import { retryDelayMs } from './retry-schedule.js';

// Within the platform's 9 s shutdown deadline: attempts still running then are aborted, and their
// jobs return to the queue through BullMQ's stalled-job check.
const GRACEFUL_CLOSE_MS = 5_000;

/** The BullMQ worker that runs deliveries, started with the app and closed with it. */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private worker?: Worker<DeliveryJob>;
  /** Attempts running in this process, so a graceful stop knows when they are done. */
  private readonly attempts = new Set<Promise<unknown>>();

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly processor: DeliveryProcessor,
  ) {}

  onApplicationBootstrap(): void {
    const schedule = this.config.webhook.retryScheduleMs;
    this.worker = this.backend.createWorker<DeliveryJob>(this.options.queueName, (job, token) => this.track(this.processor.process(job, token)), {
      concurrency: this.options.workerConcurrency,
      lockDuration: this.options.lockDurationMs,
      stalledInterval: this.options.stalledIntervalMs,
      maxStalledCount: 5,
      settings: {
        backoffStrategy: (attemptsMade, type, error) => {
          if (type !== BACKOFF_TYPE) return 0;
          return error instanceof RetryLater ? error.delayMs : retryDelayMs(schedule, attemptsMade, null);
        },
      },
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
  }

  private track<T>(attempt: Promise<T>): Promise<T> {
    this.attempts.add(attempt);
    return attempt.finally(() => this.attempts.delete(attempt));
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /**
   * Stops taking jobs and lets attempts in flight finish (up to a few seconds). `force` abandons
   * them at once, as a crash would: their jobs stay active until their lock expires, then another
   * worker runs them again.
   */
  async stop({ force = false }: { force?: boolean } = {}): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    // No new jobs, then wait for the attempts in flight ourselves: BullMQ's close() keeps its first
    // promise (a later close(true) would wait for it instead of forcing), and its pause() reconnects
    // after the wait, reopening a connection we are about to close.
    await worker.pause(true);
    // Finished attempts may still have their log write pending (AttemptLog): a clean stop waits for those too.
    const drained = force
      ? Promise.resolve(false)
      : Promise.allSettled([...this.attempts]).then(async () => (await this.processor.log.flush(), true));
    const finished = await Promise.race([drained, new Promise<false>((resolve) => setTimeout(resolve, GRACEFUL_CLOSE_MS, false).unref())]);
    if (!finished) {
      // close(true) skips ending the wait for the next job, and on the PostgreSQL backend that wait
      // then keeps its timer (up to an hour when a retry is due later) after the connection is gone,
      // holding the process open: disconnect() ends the wait first.
      await worker.disconnect();
      await Promise.all([worker.close(true), this.processor.sender.destroy()]);
    }
    else await Promise.all([worker.close(), this.processor.sender.close()]);
  }
}
