/** Tunables of the alert pipeline that are not part of the public configuration (API.md names those). */
export interface AlertsOptions {
  /** BullMQ queue of webhook deliveries; tests give each file its own. */
  readonly queueName: string;
  /** Deliveries one worker process sends at once, across all subscriptions and jobs (also its jobs at once). */
  readonly workerConcurrency: number;
  /** Deliveries the router and replays put in one BullMQ job (BullMQ's cost per job dominated a delivery's). */
  readonly deliveriesPerJob: number;
  /** Deliveries to one subscription in flight at once in a process, so a slow endpoint cannot take every slot. */
  readonly perSubscriptionInFlight: number;
  /** How often the sweeper looks for deliveries that PostgreSQL holds but the queue lost. */
  readonly sweepIntervalMs: number;
  /** How overdue a delivery must be before the sweeper asks the queue about it. */
  readonly sweepGraceMs: number;
  /** Deliveries a replay enqueues per second. */
  readonly replayRatePerSecond: number;
  /** How often the router looks for replays to run or resume. */
  readonly replayPollIntervalMs: number;
  /** BullMQ job lock: a worker that dies mid-delivery releases its job after this long. */
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  /** Events the router matches per transaction. */
  readonly routerBatchSize: number;
  /**
   * Deliveries the router writes in one commit before adding their jobs. A batch that fans out to
   * more is written in several, each chunk's jobs added while the next chunk's rows are written, so
   * the first deliveries go out before the last rows are in.
   */
  readonly routerDeliveriesPerCommit: number;
  /**
   * How long the router waits for more of the log when no append notification wakes it. Short: a
   * notified event can still be hidden by the snapshot horizon when the router reads, and then only
   * this poll finds it, which bounds alert latency.
   */
  readonly routerIdleWaitMs: number;
}

export const DEFAULT_ALERTS_OPTIONS: AlertsOptions = Object.freeze({
  queueName: 'webhooks',
  workerConcurrency: 100,
  deliveriesPerJob: 50,
  perSubscriptionInFlight: 16,
  sweepIntervalMs: 30_000,
  sweepGraceMs: 60_000,
  replayRatePerSecond: 200,
  replayPollIntervalMs: 1_000,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  routerBatchSize: 500,
  routerDeliveriesPerCommit: 500,
  routerIdleWaitMs: 50,
});

export const ALERTS_OPTIONS = Symbol('ALERTS_OPTIONS');

export function resolveAlertsOptions(overrides: Partial<AlertsOptions> = {}): AlertsOptions {
  return Object.freeze({ ...DEFAULT_ALERTS_OPTIONS, ...overrides });
}
