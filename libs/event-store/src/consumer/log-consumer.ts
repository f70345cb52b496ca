import { isUnavailableError, metrics } from '@newsledger/platform';
import type pg from 'pg';
import { pino } from 'pino';
import { APPENDED_CHANNEL } from '../commit-notifier.js';
import { LOG_START, logContinuesAfter, readLogPage, type LogPoint } from '../log-reads.js';
import type { RecordedEvent } from '../recorded-event.js';
import { upcastEvent, type UpcasterRegistry } from '../upcasting.js';
import { advanceCheckpoint, ensureCheckpoint, readCheckpoint } from './checkpoints.js';
import { clearHalt, recordHalt } from './consumer-halts.js';
import { tryTakeTurn } from './consumer-turn.js';
import { reportLag } from './consumer-lag.js';
import { NotificationListener } from './notification-listener.js';

export interface ConsumerLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ConsumerOptions {
  /** The checkpoint's key; one instance per name processes at a time, across processes. */
  name: string;
  /** Runs inside the transaction that moves the checkpoint past `events`: both commit or neither. */
  handle(events: RecordedEvent[], client: pg.PoolClient): Promise<void>;
  batchSize?: number;
  /** How long an idle or standby consumer waits between polls when no notification wakes it. */
  idleWaitMs?: number;
  /** Lifts events to their types' current shapes before the handler sees them. */
  upcasters?: UpcasterRegistry;
  logger?: ConsumerLogger;
  /**
   * How many times the one event that a failing batch narrows down to may fail, with an error that is
   * not an outage (isUnavailableError), before the consumer halts on it.
   */
  haltAfterFailures?: number;
}

// Summed over every process running a consumer, it counts each event once: batches take the
// consumer's turn, so two processes never commit the same events (the multi-process test relies on it).
const processedEvents = metrics.counter({
  name: 'event_store_consumer_events_total',
  help: 'Events the consumer processed in committed batches, in this process',
  labelNames: ['consumer'],
});

// How soon to look again while events wait for an older transaction to end (doubling up to idleWaitMs).
const HELD_POLL_MS = 25;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 30_000;
const HALT_AFTER_FAILURES = 5;

/** A full batch (read on), the end of the log, events held back by the horizon, or another instance's turn. */
type Outcome = 'full' | 'caught_up' | 'held' | 'standby';

/**
 * Tails the log in batches and moves its checkpoint in the handler's transaction. Every batch takes the
 * name's turn (a transaction-scoped advisory lock) before reading the checkpoint: two instances never
 * run a batch at once, and a standby takes over at its next poll after the active one dies. A failing
 * batch is rolled back and retried with backoff, never skipped. An outage (PostgreSQL or the queue
 * away) is retried for as long as it lasts; any other failure narrows the batch to the one event it
 * starts at, and when that event alone keeps failing the consumer halts there: it stops, records the
 * error in consumer_halts (shown by the projections' status and /health/ready) and leaves every other
 * consumer running. Starting it again (after a fix) clears the record and retries the event.
 */
export class LogConsumer {
  readonly name: string;
  private readonly batchSize: number;
  private readonly idleWaitMs: number;
  private readonly logger: ConsumerLogger;
  private running = false;
  private loop: Promise<void> | null = null;
  private listener: NotificationListener | null = null;
  private stopReportingLag: (() => void) | null = null;
  /** A notification arrived since the last read: there may be more to read. */
  private notified = false;
  private pause: { end: () => void; onNotification: boolean } | null = null;
  /** Where the batch in flight started and the first event it read, for the failure that may follow. */
  private attempt: { from: LogPoint; first: number | null } | null = null;
  private haltedWith: string | null = null;
  /**
   * After a failure that is not an outage, the events the failed batch would have read are taken one
   * at a time, so the ones before a bad event commit and the bad one is known by its position.
   */
  private isolating: { at: number; failures: number; remaining: number } | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly databaseUrl: string,
    private readonly options: ConsumerOptions,
  ) {
    this.name = options.name;
    this.batchSize = options.batchSize ?? 500;
    this.idleWaitMs = options.idleWaitMs ?? 1_000;
    this.logger = options.logger ?? pino({ base: { component: 'log-consumer' } });
  }

  /** The error the consumer halted on, null while it runs. */
  get halted(): string | null {
    return this.haltedWith;
  }

  start(): void {
    if (this.loop) return;
    this.running = true;
    this.haltedWith = null;
    this.isolating = null;
    this.listener = new NotificationListener(this.databaseUrl, APPENDED_CHANNEL, () => this.wake(), this.logger);
    this.listener.start();
    this.stopReportingLag = reportLag(this.name, this.pool);
    this.loop = this.run();
  }

  /** Stops after the batch in flight has committed or rolled back. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.running = false;
    this.pause?.end();
    await this.loop;
    this.loop = null;
    await this.listener?.stop();
    this.stopReportingLag?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    let heldPolls = 0;
    // Batches compare and set an existing row: made sure of at start and after any failure.
    let checkpointKnown = false;
    let haltCleared = false;
    while (this.running) {
      try {
        if (!haltCleared) await clearHalt(this.pool, this.name);
        haltCleared = true;
        if (!checkpointKnown) await ensureCheckpoint(this.pool, this.name);
        checkpointKnown = true;
        const { outcome, processed } = await this.runBatch(this.isolating ? 1 : this.batchSize);
        failures = 0;
        if (this.isolating && processed > 0 && --this.isolating.remaining <= 0) this.isolating = null;
        // A batch that got events reads again at once: what follows may already be readable.
        heldPolls = outcome === 'held' && processed === 0 ? heldPolls + 1 : 0;
        if (outcome === 'held' && processed === 0) {
          // Any commit may be the one that ends the holding transaction, so a notification ends the wait.
          await this.sleep(Math.min(this.idleWaitMs, HELD_POLL_MS * 2 ** (heldPolls - 1)), true);
        } else if (outcome === 'caught_up' || outcome === 'standby') await this.sleep(this.idleWaitMs, true);
      } catch (error) {
        failures++;
        checkpointKnown = false;
        const attempt = this.attempt;
        if (!isUnavailableError(error) && attempt) {
          const at = attempt.from.global_position;
          const isolating = this.isolating?.at === at ? this.isolating : (this.isolating = { at, failures: 0, remaining: this.batchSize });
          if (isolating.failures++ >= (this.options.haltAfterFailures ?? HALT_AFTER_FAILURES)) {
            await this.halt(attempt, error);
            return;
          }
        }
        const delay = retryDelay(failures);
        this.logger.error(
          { err: error, consumer: this.name, attempt: failures, retry_in_ms: delay },
          'log consumer batch failed and was rolled back; retrying',
        );
        await this.sleep(delay, false);
      }
    }
  }

  /** Stops on the event that keeps failing, recording why for every process to show. */
  private async halt(attempt: { from: LogPoint; first: number | null }, error: unknown): Promise<void> {
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const event = attempt.first === null ? `the event after position ${attempt.from.global_position}` : `the event at position ${attempt.first}`;
    const reason = `${event} cannot be processed: ${cause}`;
    this.running = false;
    this.logger.error(
      { err: error, consumer: this.name, after_position: attempt.from.global_position },
      `log consumer ${this.name} halted: ${reason}; the other consumers keep running, restart it once fixed`,
    );
    await recordHalt(this.pool, this.name, attempt.from.global_position, reason).catch((recordError: Error) =>
      this.logger.error({ err: recordError, consumer: this.name }, 'could not record the halt'),
    );
    this.haltedWith = reason;
  }

  private async runBatch(limit: number): Promise<{ outcome: Outcome; processed: number }> {
    const batch = await this.processBatch(limit);
    if (batch === null) return { outcome: 'standby', processed: 0 };
    if (batch.processed === limit) return { outcome: 'full', processed: batch.processed };
    // Events after the batch that it did not get were appended since, or wait for an older transaction
    // (of any kind, anywhere on the server) to end, which nobody announces.
    const held = await logContinuesAfter(this.pool, batch.end);
    return { outcome: held ? 'held' : 'caught_up', processed: batch.processed };
  }

  /** One batch in one transaction: how many events it processed and where it ended, null while another instance has the name. */
  private async processBatch(limit: number): Promise<{ processed: number; end: LogPoint } | null> {
    this.attempt = null;
    const client = await this.pool.connect();
    // A connection dropped between statements is reported as an event, not by a query.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      if (!(await tryTakeTurn(client, this.name))) {
        await client.query('ROLLBACK');
        return null;
      }
      const from = (await readCheckpoint(client, this.name)) ?? LOG_START;
      this.attempt = { from, first: null };
      this.notified = false;
      const events = await readLogPage(client, from, limit);
      this.attempt.first = events[0]?.global_position ?? null;
      if (events.length > 0) {
        const { upcasters } = this.options;
        await this.options.handle(upcasters ? events.map((event) => upcastEvent(upcasters, event)) : events, client);
        if (!(await advanceCheckpoint(client, this.name, from, events[events.length - 1]))) {
          throw new Error(`the checkpoint of ${this.name} moved during the batch`);
        }
      }
      await client.query('COMMIT');
      processedEvents.inc({ consumer: this.name }, events.length);
      return { processed: events.length, end: events.at(-1) ?? from };
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  private wake(): void {
    this.notified = true;
    if (this.pause?.onNotification) this.pause.end();
  }

  /** Waits `ms`, or less when stopped or (if `onNotification`) when a notification says there is more. */
  private sleep(ms: number, onNotification: boolean): Promise<void> {
    if (!this.running || (onNotification && this.notified)) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.pause = null;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.pause = { end, onNotification };
    });
  }
}

/** Exponential backoff with ±20 % jitter, so retrying workers do not hammer the database in step. */
function retryDelay(failures: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
