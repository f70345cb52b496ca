import { isUnavailableError, metrics } from '@newsledger/platform';
import type pg from 'pg';
import { pino } from 'pino';
import { APPENDED_CHANNEL } from '../commit-notifier.js';
import { LOG_START, logContinuesAfter, readLogPage, type LogPoint } from '../log-reads.js';
import type { RecordedEvent } from '../recorded-event.js';
import { upcastEvent, type UpcasterRegistry } from '../upcasting.js';
import { announceCheckpointMoved } from './checkpoint-moves.js';
import { advanceAndCommit, beginTurn } from './batch-transaction.js';
import { advanceCheckpointsInTurns, ensureCheckpoint, isCheckpointMoved } from './checkpoints.js';
import { clearHalt, recordHalt } from './consumer-halts.js';
import { reportLag } from './consumer-lag.js';
import { NotificationListener } from './notification-listener.js';

export interface ConsumerLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** One checkpointed consumer of a set. */
export interface SetMember {
  /** The checkpoint's key; one instance per name processes at a time, across processes. */
  name: string;
  /**
   * Runs inside the transaction that moves the checkpoint past `events`: both commit or neither. It
   * may return a follow-up outside this database that must see its writes committed (jobs whose
   * workers read the rows it wrote): its transaction then commits first, the follow-up runs, and a
   * second transaction moves the checkpoint. A failing follow-up leaves the checkpoint behind and the
   * batch, `handle` included, is done again: its writes must be idempotent.
   */
  handle(events: RecordedEvent[], client: pg.PoolClient): Promise<void | FollowUp>;
  /**
   * Whether `handle` has anything to do for the event; every event when not given. A batch of only
   * events it does not handle is not given to it: its checkpoint moves past them without a
   * transaction of its own (see ConsumerSet).
   */
  handles?(event: RecordedEvent): boolean;
}

export type FollowUp = () => Promise<void>;

export interface ConsumerSetOptions {
  members: readonly SetMember[];
  batchSize?: number;
  /** How long an idle or standby consumer waits between polls when no notification wakes it. */
  idleWaitMs?: number;
  /** Lifts events to their types' current shapes before the handlers see them. */
  upcasters?: UpcasterRegistry;
  logger?: ConsumerLogger;
  /**
   * Commit batches without waiting for their WAL flush (`synchronous_commit = off`): for members whose
   * effect lives only in this database and can be derived again from the log, such as read models. A
   * server crash can then lose the last batches' effects, but always together with their checkpoints,
   * so they are applied again; nothing is applied twice or skipped.
   */
  asyncCommit?: boolean;
  /**
   * How many times the one event that a failing batch narrows down to may fail, with an error that is
   * not an outage (isUnavailableError), before its member halts on it.
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
// What pg gives a pool created without `max`.
const PG_DEFAULT_POOL_MAX = 10;

/** A full batch (read on), the end of the log, events held back by the horizon, or another instance's turn. */
type Outcome = 'full' | 'caught_up' | 'held' | 'standby';

/** What a member's batch processed and where its checkpoint then stands. */
interface Batch {
  processed: number;
  end: LogPoint;
}

/** A stretch of the log read once for every member whose checkpoint is at its start or inside it. */
interface SharedPage {
  from: LogPoint;
  events: RecordedEvent[];
}

interface MemberState {
  readonly member: SetMember;
  /** Where its checkpoint was after its last batch in this set: where the next one should start; null when not known. */
  at: LogPoint | null;
  checkpointKnown: boolean;
  failures: number;
  retryAt: number;
  heldPolls: number;
  /** Where its batch in flight started and the first event it read, for the failure that may follow. */
  attempt: { from: LogPoint; first: number | null } | null;
  /**
   * After a failure that is not an outage, the events the failed batch would have read are taken one
   * at a time, so the ones before a bad event commit and the bad one is known by its position.
   */
  isolating: { at: number; failures: number; remaining: number } | null;
  /** Why it stopped on an event it cannot process; null while it runs. */
  halted: string | null;
  /** Its record in consumer_halts (from an earlier run) is cleared once it runs again. */
  haltCleared: boolean;
}

/** How long a member would have the set wait before its next round, and whether a notification ends that wait. */
interface Wait {
  ms: number;
  onNotification: boolean;
}

/**
 * Tails the log for several checkpointed consumers at once, reading each batch once for all of them.
 * Each member keeps its own checkpoint, turn and transaction, exactly as a lone consumer would: every
 * batch takes the member's turn (a transaction-scoped advisory lock) before reading its checkpoint, the
 * handler and the compare-and-set of the checkpoint commit together, and a failing member is rolled
 * back and retried with backoff, never skipped, while the others go on. Members whose checkpoints
 * stand at the same point share one read of the log, done before their transactions; a member found
 * elsewhere (reset for a rebuild, moved by another instance, behind after a failure) reads its own
 * page inside its transaction, so it can fall behind, be held or be rebuilt without the others. The
 * members' batches of one round run concurrently, each on its own connection, as many at once as the
 * pool has connections but one (one at a time on a pool of two): a batch never waits for a second
 * connection, and the rest of the process (HTTP, other consumers) always finds one free soon.
 * After a full page (catching up), the next is read while the members handle it, a lone member's own
 * page included: it comes to them as a shared page next round, so reading and writing overlap.
 * Members with events to pass in a shared page, none of which they handle (SetMember.handles), have
 * their checkpoints moved past them together in one statement before the others' batches: a
 * compare-and-set from where each stood after its last batch, taking each one's turn, so a member
 * moved meanwhile (by another instance, a rebuild) or busy elsewhere runs its own batch instead.
 *
 * An outage (PostgreSQL or the queue away) is retried for as long as it lasts; any other failure
 * narrows the member's batch to the one event it starts at, and when that event alone keeps failing
 * the member halts there: it stops, records the error in consumer_halts (shown by the projections'
 * status and /health/ready) and leaves every other member and consumer running. Starting the set again
 * (after a fix) clears the record and retries the event.
 */
export class ConsumerSet {
  private readonly batchSize: number;
  /** How many members' batches run at once: each holds a connection of the pool, which must keep one for others. */
  private readonly concurrency: number;
  private readonly idleWaitMs: number;
  private readonly logger: ConsumerLogger;
  /** SET LOCAL statements of every batch's transaction. */
  private readonly settings: readonly string[];
  private readonly states: MemberState[];
  private running = false;
  private loop: Promise<void> | null = null;
  private listener: NotificationListener | null = null;
  private stopReportingLag: (() => void)[] = [];
  /** A notification arrived since the last round began: there may be more to read. */
  private notified = false;
  private pause: { end: () => void; onNotification: boolean } | null = null;
  /** The page after a full one, read while the members handle that one (catching up, reading and writing overlap). */
  private readAhead: { key: string; page: Promise<SharedPage> } | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly databaseUrl: string,
    private readonly options: ConsumerSetOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.concurrency = Math.max(1, (pool.options.max ?? PG_DEFAULT_POOL_MAX) - 1);
    this.idleWaitMs = options.idleWaitMs ?? 1_000;
    this.logger = options.logger ?? pino({ base: { component: 'log-consumer' } });
    // A batch's statements look rows up by its events' subjects or ids. Planned without statistics (a
    // read model emptied for a rebuild and grown since, on a server that does not analyze it), such a
    // lookup can still cost less as a sequential scan, run per batch over the whole table; and a plan
    // costed with seq scans disabled crosses JIT's threshold, whose compiling never pays for a batch.
    this.settings = ['SET LOCAL jit = off', 'SET LOCAL enable_seqscan = off', ...(options.asyncCommit ? ['SET LOCAL synchronous_commit TO off'] : [])];
    this.states = options.members.map((member) => ({
      member,
      at: null,
      checkpointKnown: false,
      failures: 0,
      retryAt: 0,
      heldPolls: 0,
      attempt: null,
      isolating: null,
      halted: null,
      haltCleared: false,
    }));
  }

  /** The error a member halted on, null while it runs. */
  haltOf(name: string): string | null {
    return this.states.find((state) => state.member.name === name)?.halted ?? null;
  }

  start(): void {
    if (this.loop) return;
    this.running = true;
    for (const state of this.states) Object.assign(state, { halted: null, haltCleared: false, isolating: null });
    this.listener = new NotificationListener(this.databaseUrl, APPENDED_CHANNEL, () => this.wake(), this.logger);
    this.listener.start();
    this.stopReportingLag = this.states.map(({ member }) => reportLag(member.name, this.pool));
    this.loop = this.run();
  }

  /** Stops after the batches in flight have committed or rolled back. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.running = false;
    this.pause?.end();
    await this.loop;
    this.loop = null;
    await this.listener?.stop();
    for (const stopReporting of this.stopReportingLag.splice(0)) stopReporting();
  }

  private async run(): Promise<void> {
    while (this.running && this.states.some((state) => state.halted === null)) {
      const wait = await this.round();
      if (wait.ms > 0) await this.sleep(wait.ms, wait.onNotification);
    }
  }

  /** One batch for every member not waiting to retry; returns how long to wait before the next round. */
  private async round(): Promise<Wait> {
    const now = Date.now();
    const live = this.states.filter((state) => state.halted === null);
    const due = live.filter((state) => state.retryAt <= now);
    this.notified = false;
    let pages: SharedPage[] = [];
    try {
      pages = await this.sharedPages(due);
    } catch (error) {
      // Each member then reads its own page in its transaction, and fails there if the database is down.
      this.logger.warn({ err: error }, 'log consumers could not read their shared batch; each reads its own');
    }
    const passed = await this.passIdle(due, pages);
    const heldAfter = new Map<string, Promise<boolean>>();
    const waits = await inTurns(due, this.concurrency, (state) => this.runMember(state, pages, heldAfter, passed.get(state)));
    waits.push(...live.filter((state) => !due.includes(state)).map((state) => ({ ms: state.retryAt - now, onNotification: false })));
    return waits.reduce((soonest, wait) => ({
      ms: Math.min(soonest.ms, wait.ms),
      onNotification: soonest.onNotification || wait.onNotification,
    }));
  }

  /** One read per point where two or more members are expected to start, upcast once. */
  private async sharedPages(due: readonly MemberState[]): Promise<SharedPage[]> {
    const starts = new Map<string, { point: LogPoint; members: number }>();
    for (const { at, isolating } of due) {
      if (!at || isolating) continue;
      const key = pointKey(at);
      const start = starts.get(key) ?? { point: at, members: 0 };
      start.members++;
      starts.set(key, start);
    }
    const readAhead = this.readAhead;
    this.readAhead = null;
    // A point one member starts at is shared too when its page was read ahead: a lone member catching up.
    const shared = [...starts.entries()].filter(([key, start]) => start.members > 1 || readAhead?.key === key).map(([, start]) => start);
    const pages = await Promise.all(
      shared.map(({ point }) => (readAhead?.key === pointKey(point) ? readAhead.page.catch(() => this.readPage(point)) : this.readPage(point))),
    );
    const full = pages.find((page) => page.events.length === this.batchSize);
    if (full) this.readAheadAfter(full.events);
    return pages;
  }

  /** Starts reading the page after a full one, to be handled next round: catching up, reading and writing overlap. */
  private readAheadAfter(full: readonly RecordedEvent[]): void {
    const next = full.at(-1)!;
    const page = this.readPage(next);
    page.catch(() => undefined); // read again next round if it failed
    this.readAhead = { key: pointKey(next), page };
  }

  /** Moves the checkpoints of the members with nothing to handle in the shared pages past them, in one statement; what each passed. */
  private async passIdle(due: readonly MemberState[], pages: readonly SharedPage[]): Promise<Map<MemberState, Batch>> {
    const idle = new Map<MemberState, { from: LogPoint; batch: Batch }>();
    for (const state of due) {
      const { at, isolating, member } = state;
      if (!at || isolating || !member.handles) continue;
      const events = sharedEventsAfter(at, pages)?.slice(0, this.batchSize) ?? [];
      if (events.length === 0 || events.some((event) => member.handles!(event))) continue;
      const end = events.at(-1)!;
      idle.set(state, { from: at, batch: { processed: events.length, end: { transaction_id: end.transaction_id, global_position: end.global_position } } });
    }
    const passed = new Map<MemberState, Batch>();
    if (idle.size === 0) return passed;
    try {
      const moved = await advanceCheckpointsInTurns(
        this.pool,
        [...idle].map(([state, { from, batch }]) => ({ name: state.member.name, from, to: batch.end })),
      );
      for (const [state, { batch }] of idle) {
        if (!moved.has(state.member.name)) continue;
        state.attempt = null;
        state.at = batch.end;
        processedEvents.inc({ consumer: state.member.name }, batch.processed);
        announceCheckpointMoved(state.member.name);
        passed.set(state, batch);
      }
    } catch (error) {
      // Each then runs its own batch, which fails and is retried as any other if the database is down.
      this.logger.warn({ err: error }, 'log consumers could not pass their idle batches together; each runs its own');
    }
    return passed;
  }

  /** A page read below the snapshot horizon is a gap-free stretch of the log however long it is kept. */
  private async readPage(from: LogPoint): Promise<SharedPage> {
    return { from, events: this.upcast(await readLogPage(this.pool, from, this.batchSize)) };
  }

  /** `passed`: the batch passIdle did for it this round, if any. */
  private async runMember(state: MemberState, pages: readonly SharedPage[], heldAfter: Map<string, Promise<boolean>>, passed?: Batch): Promise<Wait> {
    try {
      if (!state.haltCleared) await clearHalt(this.pool, state.member.name);
      state.haltCleared = true;
      if (!state.checkpointKnown) await ensureCheckpoint(this.pool, state.member.name);
      state.checkpointKnown = true;
      const outcome = await this.outcomeOf(state, pages, heldAfter, passed);
      state.failures = 0;
      if (state.isolating && outcome.processed > 0 && --state.isolating.remaining <= 0) state.isolating = null;
      // A batch that got events reads again at once: what follows may already be readable.
      state.heldPolls = outcome.outcome === 'held' && outcome.processed === 0 ? state.heldPolls + 1 : 0;
      if (outcome.outcome === 'full' || (outcome.outcome === 'held' && outcome.processed > 0)) return { ms: 0, onNotification: false };
      // Any commit may be the one that ends the holding transaction, so a notification ends the wait.
      if (outcome.outcome === 'held') return { ms: Math.min(this.idleWaitMs, HELD_POLL_MS * 2 ** (state.heldPolls - 1)), onNotification: true };
      return { ms: this.idleWaitMs, onNotification: true };
    } catch (error) {
      state.failures++;
      state.checkpointKnown = false;
      state.at = null;
      const attempt = state.attempt;
      if (!isUnavailableError(error) && attempt) {
        const at = attempt.from.global_position;
        const isolating = state.isolating?.at === at ? state.isolating : (state.isolating = { at, failures: 0, remaining: this.batchSize });
        if (isolating.failures++ >= (this.options.haltAfterFailures ?? HALT_AFTER_FAILURES)) {
          await this.halt(state, attempt, error);
          return { ms: this.idleWaitMs, onNotification: true };
        }
      }
      const delay = retryDelay(state.failures);
      state.retryAt = Date.now() + delay;
      this.logger.error(
        { err: error, consumer: state.member.name, attempt: state.failures, retry_in_ms: delay },
        'log consumer batch failed and was rolled back; retrying',
      );
      return { ms: delay, onNotification: false };
    }
  }

  /** Stops a member on the event that keeps failing, recording why for every process to show. */
  private async halt(state: MemberState, attempt: { from: LogPoint; first: number | null }, error: unknown): Promise<void> {
    const { name } = state.member;
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const event = attempt.first === null ? `the event after position ${attempt.from.global_position}` : `the event at position ${attempt.first}`;
    const reason = `${event} cannot be processed: ${cause}`;
    this.logger.error(
      { err: error, consumer: name, after_position: attempt.from.global_position },
      `log consumer ${name} halted: ${reason}; the other consumers keep running, restart it once fixed`,
    );
    await recordHalt(this.pool, name, attempt.from.global_position, reason).catch((recordError: Error) =>
      this.logger.error({ err: recordError, consumer: name }, 'could not record the halt'),
    );
    // Reported halted only once the record every process reads is written.
    state.halted = reason;
  }

  private async outcomeOf(
    state: MemberState,
    pages: readonly SharedPage[],
    heldAfter: Map<string, Promise<boolean>>,
    passed?: Batch,
  ): Promise<{ outcome: Outcome; processed: number }> {
    const limit = state.isolating ? 1 : this.batchSize;
    const batch = passed ?? (await this.processBatch(state, pages, limit));
    if (batch === null) return { outcome: 'standby', processed: 0 };
    if (batch.processed === limit) return { outcome: 'full', processed: batch.processed };
    // Events after the batch that it did not get were appended since, or wait for an older transaction
    // (of any kind, anywhere on the server) to end, which nobody announces. Asked once per point a round.
    const key = pointKey(batch.end);
    if (!heldAfter.has(key)) heldAfter.set(key, logContinuesAfter(this.pool, batch.end));
    const held = await heldAfter.get(key)!;
    return { outcome: held ? 'held' : 'caught_up', processed: batch.processed };
  }

  /** One batch of a member in one transaction: how many events it processed and where it ended, null while another instance has the name. */
  private async processBatch(state: MemberState, pages: readonly SharedPage[], limit: number): Promise<Batch | null> {
    const { name, handle } = state.member;
    state.attempt = null;
    const client = await this.pool.connect();
    // A connection dropped between statements is reported as an event, not by a query.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      const turn = await beginTurn(client, name, this.settings);
      if (!turn) return this.standBy(client, state);
      const from = turn.checkpoint ?? LOG_START;
      state.attempt = { from, first: null };
      const shared = sharedEventsAfter(from, pages);
      const events = (shared ?? this.upcast(await readLogPage(client, from, limit))).slice(0, limit);
      // A lone member's own full page (no page was shared): the next one is read while this one is handled.
      if (!shared && events.length === this.batchSize && !this.readAhead) this.readAheadAfter(events);
      state.attempt.first = events[0]?.global_position ?? null;
      if (events.length === 0) {
        await client.query('COMMIT');
      } else {
        const followUp = await handle([...events], client);
        // Between its two transactions another instance may take the turn, or do this batch and move
        // the checkpoint: this one then stands by (what it did is done again, which is harmless).
        if (followUp && !(await this.runFollowUp(client, name, followUp))) return this.standBy(client, state);
        try {
          await advanceAndCommit(client, name, from, events[events.length - 1]);
        } catch (error) {
          if (followUp && isCheckpointMoved(error)) return this.standBy(client, state);
          throw error;
        }
      }
      processedEvents.inc({ consumer: name }, events.length);
      if (events.length > 0) announceCheckpointMoved(name);
      const end = events.at(-1) ?? from;
      state.at = { transaction_id: end.transaction_id, global_position: end.global_position };
      return { processed: events.length, end };
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** Commits the handler's writes, runs its follow-up, and opens the transaction that moves the checkpoint; false when the turn was lost meanwhile. */
  private async runFollowUp(client: pg.PoolClient, name: string, followUp: FollowUp): Promise<boolean> {
    await client.query('COMMIT');
    await followUp();
    return (await beginTurn(client, name, this.settings)) !== null;
  }

  /** Another instance has the member's turn: nothing of this batch is kept. */
  private async standBy(client: pg.PoolClient, state: MemberState): Promise<null> {
    await client.query('ROLLBACK');
    state.at = null;
    return null;
  }

  private upcast(events: RecordedEvent[]): RecordedEvent[] {
    const { upcasters } = this.options;
    return upcasters ? events.map((event) => upcastEvent(upcasters, event)) : events;
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

/** `run` over `items`, at most `limit` at a time; the results in `items` order. */
async function inTurns<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * The events after `from` in a shared page that starts at it or contains it: a page read below the
 * snapshot horizon is a gap-free stretch of the log, and so is any tail of it. Null when none does.
 */
function sharedEventsAfter(from: LogPoint, pages: readonly SharedPage[]): RecordedEvent[] | null {
  for (const page of pages) {
    if (samePoint(page.from, from)) return page.events;
    const index = page.events.findIndex((event) => samePoint(event, from));
    if (index >= 0) return page.events.slice(index + 1);
  }
  return null;
}

function samePoint(a: LogPoint, b: LogPoint): boolean {
  return Number(a.global_position) === Number(b.global_position) && String(a.transaction_id) === String(b.transaction_id);
}

function pointKey(point: LogPoint): string {
  return `${point.transaction_id}:${point.global_position}`;
}

/** Exponential backoff with ±20 % jitter, so retrying workers do not hammer the database in step. */
function retryDelay(failures: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
