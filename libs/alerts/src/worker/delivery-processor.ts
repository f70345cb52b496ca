import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@newsledger/platform';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { Coalescer } from '../deliveries/coalescer.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import type { DeliveryJob } from '../deliveries/delivery-queue.js';
import type { AttemptRecord, OutgoingDelivery } from '../deliveries/delivery.js';
import { deliveryLatency, deliveryOutcomes, endToEndLatency } from '../metrics/alert-metrics.js';
import { SubscriptionDisabler } from '../subscriptions/subscription-disabler.js';
import { staticUrlRefusal } from '../url-safety/url-policy.js';
import { AttemptLog } from './attempt-log.js';
import { InFlightLimiter } from './in-flight-limiter.js';
import { retryDelayMs } from './retry-schedule.js';
import { signatureHeader } from './sign.js';
import { WebhookSender, type SendResult } from './webhook-sender.js';

/** A failed attempt that will be retried after `delayMs` (read by the backoff strategy). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

const USER_AGENT = 'Newsledger-Webhooks/1';
// A job over its endpoint's in-flight cap waits this long for a slot, else goes back for 1–2 s.
const SLOT_WAIT_MS = 100;
const BUSY_DELAY_MS = 1_000;

/**
 * One attempt at one delivery: load, sign, POST, log, and decide what happens next. The loads and
 * the logs of concurrent attempts share round trips to PostgreSQL (see Coalescer, AttemptLog).
 */
@Injectable()
export class DeliveryProcessor {
  readonly sender: WebhookSender;
  private readonly limiter: InFlightLimiter;
  private readonly load: Coalescer<string, OutgoingDelivery | null>;
  readonly log: AttemptLog;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly disabler: SubscriptionDisabler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ALERTS_OPTIONS) options: AlertsOptions,
  ) {
    const { timeoutMs, allowPrivate } = config.webhook;
    this.sender = new WebhookSender({ timeoutMs, allowPrivate, connectionsPerOrigin: options.workerConcurrency });
    this.limiter = new InFlightLimiter(options.perSubscriptionInFlight, SLOT_WAIT_MS);
    this.load = new Coalescer((ids) => deliveries.forSending(ids));
    this.log = new AttemptLog((attempts) => deliveries.recordAttempts(attempts));
  }

  async process(job: Job<DeliveryJob>, token?: string): Promise<string> {
    // Sent already: queued again by the sweeper before this process had written the success.
    if (this.log.holdsSuccessOf(job.data.delivery_id)) return 'settled';
    const delivery = await this.load.submit(job.data.delivery_id);
    // Gone with its subscription, or settled by an earlier run of a job that was queued twice.
    if (!delivery || delivery.status === 'succeeded' || delivery.status === 'dead') return 'settled';
    if (delivery.subscription_status === 'disabled') {
      await this.deliveries.markDead(delivery.id);
      throw new UnrecoverableError('the subscription is disabled');
    }
    if (!(await this.limiter.acquire(delivery.subscription_id))) {
      // A whole millisecond: BullMQ's PostgreSQL backend stores it as a bigint and refuses a fraction,
      // which failed the job as an attempt and put it back for the retry schedule's first delay.
      await job.moveToDelayed(Math.round(Date.now() + BUSY_DELAY_MS * (1 + Math.random())), token);
      throw new DelayedError();
    }
    const attemptedAt = new Date();
    let result: SendResult;
    try {
      result = await this.send(delivery);
    } finally {
      this.limiter.release(delivery.subscription_id);
    }
    return this.settle(job, delivery, attemptedAt, result);
  }

  private send(delivery: OutgoingDelivery): Promise<SendResult> {
    // Names are re-checked by the sender's connect-time lookup; a literal address is checked here.
    const refusal = staticUrlRefusal(new URL(delivery.url), this.config.webhook);
    if (refusal) return Promise.resolve({ statusCode: null, latencyMs: 0, excerpt: null, error: refusal, retryAfterMs: null });
    const sentAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': delivery.message_id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signatureHeader(delivery.secrets, delivery.message_id, sentAt, delivery.payload),
    };
    return this.sender.post(delivery.url, headers, delivery.payload);
  }

  private async settle(job: Job<DeliveryJob>, delivery: OutgoingDelivery, attemptedAt: Date, result: SendResult): Promise<string> {
    const { statusCode } = result;
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const gone = statusCode === 410;
    const attemptsMade = job.attemptsMade + 1;
    const exhausted = attemptsMade >= (job.opts.attempts ?? 1);
    const outcome = ok ? 'succeeded' : gone || exhausted ? 'dead' : 'failed';
    const delayMs = outcome === 'failed' ? retryDelayMs(this.config.webhook.retryScheduleMs, attemptsMade, result.retryAfterMs) : null;

    const attempt: AttemptRecord = {
      deliveryId: delivery.id,
      subscriptionId: delivery.subscription_id,
      attemptedAt,
      statusCode,
      latencyMs: result.latencyMs,
      excerpt: result.excerpt,
      error: result.error,
      outcome,
      nextAttemptAt: delayMs === null ? null : new Date(Date.now() + delayMs),
    };
    deliveryOutcomes.inc({ outcome });
    deliveryLatency.observe({ outcome }, result.latencyMs / 1000);

    if (ok) {
      this.log.recordSuccessLater(attempt);
      if (delivery.event_recorded_at && !delivery.replay_id) {
        endToEndLatency.observe((Date.now() - Date.parse(delivery.event_recorded_at)) / 1000);
      }
      return `delivered: HTTP ${statusCode}`;
    }
    const { failing_since } = await this.log.record(attempt);
    const failure = statusCode !== null ? `HTTP ${statusCode}` : (result.error ?? 'no answer');
    if (gone) {
      await this.disabler.disable(delivery.subscription_id, 'the endpoint answered 410 Gone');
      throw new UnrecoverableError(`${failure}: the subscription is disabled`);
    }
    if (failing_since && Date.now() - Date.parse(failing_since) >= this.config.webhook.disableAfterMs) {
      await this.deliveries.markDead(delivery.id);
      await this.disabler.disable(delivery.subscription_id, `every attempt has failed since ${failing_since}`);
      throw new UnrecoverableError(`${failure}: the endpoint has failed since ${failing_since} and is disabled`);
    }
    if (exhausted) throw new UnrecoverableError(`${failure}: no retries left`);
    throw new RetryLater(failure, delayMs!);
  }
}
