import { onCheckpointMoved } from '@newsledger/event-store';
import type pg from 'pg';

// The fallback for checkpoints moved by another process (a projector of its own, a replica's replay).
const POLL_MS = 25;

// For each (projection, position) asked about: where the projection's checkpoint is, and whether it
// has processed the event at that position, in log order (a late commit sorts by its transaction id,
// see 0002_event-store.sql). A position no committed event holds is not reached yet: it is one from
// the future, or one still committing. Position 0 is always reached. `version` names the checkpoint
// row as it stands: its xmin changes with every transaction that writes it, and a projection's rows
// change only in transactions that move its checkpoint (a batch, a rebuild's swap), so the same
// version means the same rows, even across a swap that leaves the position where it was.
const POSITIONS_SQL = `
  SELECT coalesce(c.global_position, 0) AS position, c.global_position || '/' || c.xmin AS version,
         w.position = 0 OR EXISTS (SELECT 1 FROM events e
                                    WHERE e.global_position = w.position
                                      AND (e.transaction_id, e.global_position) <= (c.transaction_id, c.global_position)) AS reached
    FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS w (name, position, ord)
    LEFT JOIN checkpoints c ON c.name = w.name
   ORDER BY w.ord`;

/** Where a projection is; `version`, when known, changes whenever its rows (or those of `alsoReads`) may have. */
export interface CheckpointReading {
  position: number;
  reached: boolean;
  version: string | null;
}

interface Waiter {
  name: string;
  position: number;
  deadline: number;
  settle(position: number, reached: boolean): void;
}

/** A check asked for and not yet read: its pairs, and where their readings go. */
interface Asked {
  names: string[];
  positions: number[];
  resolve(readings: CheckpointReading[]): void;
  reject(error: unknown): void;
}

/**
 * Answers "has projection `name` processed event `position` yet?", waiting up to a deadline. Every
 * request that waits is checked by one shared query, as soon as a projector of this process moves
 * the checkpoint of a projection waited for, and every 25 ms otherwise, so a crowd of readers waiting
 * for their writes costs the database no more than one. One per database (see ReadDatabase).
 *
 * Checks are read one query at a time: a check asked while a query runs is read by the next one,
 * together with every other asked meanwhile, so 50 readers of a list cost about one query per round
 * trip instead of one each, and each still gets a reading taken after it asked.
 */
export class CheckpointWatch {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | null = null;
  /** A check is under way; `recheck`: a checkpoint moved meanwhile, so the next one runs at once. */
  private checking = false;
  private recheck = false;
  private asked: Asked[] = [];
  private reading = false;
  private readonly stopWatching: () => void;

  constructor(
    readonly pool: pg.Pool,
    private readonly pollMs = POLL_MS,
  ) {
    this.stopWatching = onCheckpointMoved((name) => this.moved(name));
  }

  /**
   * The projection's position once it has processed event `position`, or within `waitMs`: `reached`
   * says which. The version covers the checkpoints of `name` and of `alsoReads` (projections whose
   * tables the caller's query reads too), as read by the first check; a reading that had to wait
   * has none.
   */
  async positionReaching(name: string, position: number, waitMs: number, alsoReads: readonly string[] = []): Promise<CheckpointReading> {
    const [now, ...others] = await this.check([name, ...alsoReads], [position, ...alsoReads.map(() => 0)]);
    const versions = [now, ...others].map((reading) => reading.version);
    const version = versions.includes(null) ? null : versions.join(',');
    if (now.reached || waitMs <= 0) return { ...now, version };
    return new Promise((resolve) => {
      this.waiters.add({ name, position, deadline: Date.now() + waitMs, settle: (at, reached) => resolve({ position: at, reached, version: null }) });
      if (!this.checking) this.timer ??= setTimeout(() => void this.poll(), this.pollMs);
    });
  }

  onModuleDestroy(): void {
    this.stopWatching();
    if (this.timer) clearTimeout(this.timer);
    for (const waiter of this.waiters) waiter.settle(0, false);
    this.waiters.clear();
  }

  private moved(name: string): void {
    if (![...this.waiters].some((waiter) => waiter.name === name)) return;
    if (this.checking) {
      this.recheck = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    void this.poll();
  }

  private async poll(): Promise<void> {
    this.timer = null;
    this.checking = true;
    this.recheck = false;
    const waiting = [...this.waiters];
    // A failed check leaves the waiters to the next one; the deadlines still hold.
    const answers = await this.check(waiting.map((w) => w.name), waiting.map((w) => w.position)).catch(() => null);
    const now = Date.now();
    waiting.forEach((waiter, i) => {
      const answer = answers?.[i];
      if (!answer?.reached && now < waiter.deadline) return;
      this.waiters.delete(waiter);
      waiter.settle(answer?.position ?? 0, answer?.reached ?? false);
    });
    this.checking = false;
    if (this.waiters.size > 0) this.timer = setTimeout(() => void this.poll(), this.recheck ? 0 : this.pollMs);
  }

  private check(names: string[], positions: number[]): Promise<CheckpointReading[]> {
    return new Promise((resolve, reject) => {
      this.asked.push({ names, positions, resolve, reject });
      if (!this.reading) void this.read();
    });
  }

  private async read(): Promise<void> {
    this.reading = true;
    while (this.asked.length > 0) {
      const round = this.asked;
      this.asked = [];
      try {
        const { rows } = await this.pool.query<CheckpointReading>(POSITIONS_SQL, [round.flatMap((a) => a.names), round.flatMap((a) => a.positions)]);
        let first = 0;
        for (const asked of round) {
          asked.resolve(rows.slice(first, first + asked.names.length));
          first += asked.names.length;
        }
      } catch (error) {
        for (const asked of round) asked.reject(error);
      }
    }
    this.reading = false;
  }
}
