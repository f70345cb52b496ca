import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@newsledger/platform';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { Coalescer } from '../deliveries/coalescer.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { DeliveryQueue, type DeliveryJob, type HandOff } from '../deliveries/delivery-queue.js';
import type { AttemptRecord, DeliveryStatus, OutgoingDelivery } from '../deliveries/delivery.js';
import { deliveryLatency, deliveryOutcomes, endToEndLatency } from '../metrics/alert-metrics.js';
import { SubscriptionDisabler } from '../subscriptions/subscription-disabler.js';
import { staticUrlRefusal } from '../url-safety/url-policy.js';
import { AttemptLog } from './attempt-log.js';
import { EndpointPace } from './endpoint-pace.js';
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
// A delivery over its endpoint's in-flight cap waits for a slot, or goes back, for as long as the
// endpoint's pace says (see EndpointPace), within these bounds.
const PACE_MIN_MS = 100;
const MAX_SLOT_WAIT_MS = 1_000;
const MAX_BACK_OFF_MS = 5_000;
// The one key of the process-wide cap on sends.
const EVERY_SEND = '';

/** What became of one delivery in a job. */
type Outcome =
  | { kind: 'settled' | 'delivered' | 'dead'; note: string }
  | { kind: 'busy'; delayMs: number }
  | { kind: 'retry'; note: string; delayMs: number; attemptsMade: number };

const SETTLED: Outcome = { kind: 'settled', note: 'settled' };

// A delivery's own job runs it until it is settled; a group runs only members no earlier run of it attempted.
const OWN_JOB_DUE: readonly DeliveryStatus[] = ['pending', 'failed'];
const GROUP_DUE: readonly DeliveryStatus[] = ['pending'];

/**
 * Runs a job: one attempt at each of its deliveries, concurrently: load, sign, POST, log, and decide
 * what happens next. A delivery's own job retries through BullMQ (its backoff, its failed state for
 * the dashboard); a group's member that must run again (a failed attempt, an endpoint at its cap)
 * is handed to a delayed job of its own, which carries its attempt count on. The loads and the logs
 * of concurrent attempts share round trips to PostgreSQL (see Coalescer, AttemptLog).
 */
@Injectable()
export class DeliveryProcessor {
  private readonly logger = new Logger(DeliveryProcessor.name);
  readonly sender: WebhookSender;
  private readonly limiter: InFlightLimiter;
  private readonly pace: EndpointPace;
  /** Sends in flight in this process, whatever jobs they belong to. */
  private readonly sending: InFlightLimiter;
  private readonly load: Coalescer<string, OutgoingDelivery | null>;
  /** Group members to run again in jobs of their own, added in bulk with concurrent members'. */
  private readonly handOffs: Coalescer<HandOff, undefined>;
  readonly log: AttemptLog;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly disabler: SubscriptionDisabler,
    queue: DeliveryQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ALERTS_OPTIONS) options: AlertsOptions,
  ) {
    const { timeoutMs, allowPrivate } = config.webhook;
    this.sender = new WebhookSender({ timeoutMs, allowPrivate, connectionsPerOrigin: options.workerConcurrency });
    const cap = options.perSubscriptionInFlight;
    this.limiter = new InFlightLimiter(cap);
    this.pace = new EndpointPace({ cap, minMs: PACE_MIN_MS, maxSlotWaitMs: MAX_SLOT_WAIT_MS, maxBackOffMs: MAX_BACK_OFF_MS });
    this.sending = new InFlightLimiter(options.workerConcurrency);
    this.load = new Coalescer((ids) => deliveries.forSending(ids));
    this.handOffs = new Coalescer(async (batch) => (await queue.handOff(batch), batch.map(() => undefined)));
    this.log = new AttemptLog((attempts) => deliveries.recordAttempts(attempts));
  }

  async process(job: Job<DeliveryJob>, token?: string): Promise<string> {
    const maxAttempts = job.opts.attempts ?? 1;
    if ('delivery_ids' in job.data) return this.processGroup(job.data.delivery_ids, job.attemptsMade, maxAttempts);
    const outcome = await this.attempt(job.data.delivery_id, (job.data.attempts_made ?? 0) + job.attemptsMade, maxAttempts, OWN_JOB_DUE);
    switch (outcome.kind) {
      case 'busy':
        // A whole millisecond: BullMQ's PostgreSQL backend stores it as a bigint and refuses a fraction,
        // which failed the job as an attempt and put it back for the retry schedule's first delay.
        await job.moveToDelayed(Date.now() + outcome.delayMs, token);
        throw new DelayedError();
      case 'dead':
        throw new UnrecoverableError(outcome.note);
      case 'retry':
        throw new RetryLater(outcome.note, outcome.delayMs);
      default:
        return outcome.note;
    }
  }

  /**
   * Completes once every member is settled or handed off. Each member is handed off as soon as its
   * outcome is known, not when the slowest member ends. A hand-off the queue refuses is left to the
   * sweeper: the attempt and its next_attempt_at are in PostgreSQL already. A member whose attempt
   * could not be logged fails the group, and BullMQ runs it again later for the members still pending.
   */
  private async processGroup(ids: string[], attemptsBefore: number, maxAttempts: number): Promise<string> {
    const outcomes = await Promise.allSettled(
      ids.map(async (id) => {
        const outcome = await this.attempt(id, attemptsBefore, maxAttempts, GROUP_DUE);
        const handOff =
          outcome.kind === 'busy'
            ? { id, delayMs: outcome.delayMs, attemptsMade: attemptsBefore }
            : outcome.kind === 'retry'
              ? { id, delayMs: outcome.delayMs, attemptsMade: outcome.attemptsMade }
              : null;
        if (handOff) {
          await this.handOffs
            .submit(handOff)
            .catch((error: Error) => this.logger.warn(`delivery ${id} not handed off, the sweeper will queue it: ${error.message}`));
        }
        return outcome.kind;
      }),
    );
    const failure = outcomes.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const counts = new Map<string, number>();
    for (const result of outcomes) if (result.status === 'fulfilled') counts.set(result.value, (counts.get(result.value) ?? 0) + 1);
    return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
  }

  private async attempt(id: string, attemptsBefore: number, maxAttempts: number, due: readonly DeliveryStatus[]): Promise<Outcome> {
    // Sent already: queued again by the sweeper before this process had written the success.
    if (this.log.holdsSuccessOf(id)) return SETTLED;
    const delivery = await this.load.submit(id);
    // Gone with its subscription, or settled by an earlier run of a job that was queued twice, or
    // (a group run again after a stall) attempted by the run before.
    if (!delivery || !due.includes(delivery.status)) return SETTLED;
    if (delivery.subscription_status === 'disabled') {
      await this.deliveries.markDead(delivery.id);
      return { kind: 'dead', note: 'the subscription is disabled' };
    }
    await this.sending.acquire(EVERY_SEND);
    try {
      const endpoint = delivery.subscription_id;
      if (!(await this.limiter.acquire(endpoint, (ahead, waitedMs) => this.pace.slotWaitMs(endpoint, ahead, waitedMs)))) {
        return { kind: 'busy', delayMs: this.pace.backOffMs(endpoint, this.limiter.waiting(endpoint)) };
      }
      const attemptedAt = new Date();
      const finished = this.pace.started(endpoint);
      let result: SendResult | undefined;
      try {
        result = await this.send(delivery);
      } finally {
        finished(result?.latencyMs ?? Date.now() - attemptedAt.getTime());
        this.limiter.release(endpoint);
      }
      return await this.settle(delivery, attemptedAt, result, attemptsBefore + 1, maxAttempts);
    } finally {
      this.sending.release(EVERY_SEND);
    }
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

  private async settle(
    delivery: OutgoingDelivery,
    attemptedAt: Date,
    result: SendResult,
    attemptsMade: number,
    maxAttempts: number,
  ): Promise<Outcome> {
    const { statusCode } = result;
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const gone = statusCode === 410;
    const exhausted = attemptsMade >= maxAttempts;
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
      return { kind: 'delivered', note: `delivered: HTTP ${statusCode}` };
    }
    const { failing_since } = await this.log.record(attempt);
    const failure = statusCode !== null ? `HTTP ${statusCode}` : (result.error ?? 'no answer');
    if (gone) {
      await this.disabler.disable(delivery.subscription_id, 'the endpoint answered 410 Gone');
      return { kind: 'dead', note: `${failure}: the subscription is disabled` };
    }
    if (failing_since && Date.now() - Date.parse(failing_since) >= this.config.webhook.disableAfterMs) {
      await this.deliveries.markDead(delivery.id);
      await this.disabler.disable(delivery.subscription_id, `every attempt has failed since ${failing_since}`);
      return { kind: 'dead', note: `${failure}: the endpoint has failed since ${failing_since} and is disabled` };
    }
    if (exhausted) return { kind: 'dead', note: `${failure}: no retries left` };
    return { kind: 'retry', note: failure, delayMs: delayMs!, attemptsMade };
  }
}
