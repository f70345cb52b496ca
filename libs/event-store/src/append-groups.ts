import type pg from 'pg';
import { AppendRetryRequired, appendError } from './errors.js';
import type { AppendBatch, AppendedEvent, AppendResult } from './recorded-event.js';

const GROUP_SQL = `SELECT item, event_id, version, global_position, recorded_at, duplicate, failure, detail FROM event_store_append_group($1)`;

interface GroupRow extends AppendedEvent {
  item: number;
  failure: string | null;
  detail: string | null;
}

interface Waiting {
  batch: AppendBatch;
  attempts: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface AppendGroupOptions {
  /** Groups on their way at once; the next group forms while they are. */
  maxInFlight: number;
  /** A group closes at this many events (an append is never split). */
  maxEvents: number;
  /** Tries of an append refused for a younger appender (AppendRetryRequired) before its caller gets the error. */
  attempts: number;
}

/**
 * Appends of callers that share no transaction, sent in groups: while `maxInFlight` groups are on their
 * way, arriving appends wait, and leave together in one call of event_store_append_group, one statement,
 * so one transaction, one round trip and one commit for all of them. No timer: an append on an idle
 * store leaves at once, alone, as before. Each caller gets what an append of its own would give: its
 * result, or its error (a stale expectation or a reused id fails that append only, nothing of it
 * written); an append refused for a younger appender joins the next group. A group that fails as a
 * whole (a constraint no rule checks first, a lost connection) is sent again one append at a time, so
 * that the failure reaches only the caller it belongs to.
 */
export class AppendGroups {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private dispatching = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly alone: (batch: AppendBatch) => Promise<AppendResult>,
    private readonly options: AppendGroupOptions,
  ) {}

  append(batch: AppendBatch): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ batch, attempts: 1, resolve, reject });
      this.dispatchSoon();
    });
  }

  // Appends made in one turn of the event loop (a Promise.all of them) leave together.
  private dispatchSoon(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    queueMicrotask(() => {
      this.dispatching = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      this.inFlight++;
      const group = this.nextGroup();
      // Settling a promise twice is a no-op: this only answers callers a bug would leave waiting.
      void this.send(group)
        .catch((error: unknown) => group.forEach((waiting) => waiting.reject(error)))
        .finally(() => {
          this.inFlight--;
          this.dispatch();
        });
    }
  }

  private nextGroup(): Waiting[] {
    let events = this.waiting[0].batch.events.length;
    let size = 1;
    while (size < this.waiting.length && events + this.waiting[size].batch.events.length <= this.options.maxEvents) {
      events += this.waiting[size++].batch.events.length;
    }
    return this.waiting.splice(0, size);
  }

  private async send(group: Waiting[]): Promise<void> {
    if (group.length === 1) return this.sendAlone(group[0]);
    // Streams are locked in subject order, as appendMany locks them, so two groups cannot deadlock;
    // the sort is stable, so two appends to one stream keep their order of arrival.
    const ordered = [...group].sort((a, b) => compareSubjects(a.batch.subject, b.batch.subject));
    let rows: GroupRow[];
    try {
      ({ rows } = await this.pool.query<GroupRow>(GROUP_SQL, [JSON.stringify(ordered.map((waiting) => waiting.batch))]));
    } catch {
      await Promise.all(group.map((waiting) => this.sendAlone(waiting)));
      return;
    }
    const rowsOf = ordered.map(() => [] as GroupRow[]);
    for (const row of rows) rowsOf[row.item - 1].push(row);
    ordered.forEach((waiting, index) => this.answer(waiting, rowsOf[index]));
  }

  private answer(waiting: Waiting, rows: GroupRow[]): void {
    const { subject, expected } = waiting.batch;
    const [{ failure, detail }] = rows;
    if (failure === null) return waiting.resolve(appendResult(waiting.batch, rows));
    const error = appendError({ code: failure, detail }, subject, expected);
    if (error instanceof AppendRetryRequired && waiting.attempts < this.options.attempts) {
      waiting.attempts++;
      this.waiting.unshift(waiting);
      return this.dispatchSoon();
    }
    waiting.reject(error);
  }

  private async sendAlone(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve(await this.alone(waiting.batch));
    } catch (error) {
      waiting.reject(error);
    }
  }
}

/** An append's result from the rows the append functions return, one per event id, in no set order. */
export function appendResult({ subject, events }: AppendBatch, rows: AppendedEvent[]): AppendResult {
  const byId = new Map(rows.map(({ event_id, version, global_position, recorded_at, duplicate }) => [event_id, { event_id, version, global_position, recorded_at, duplicate }]));
  const appended = events.map((event) => byId.get(event.event_id.toLowerCase())!);
  return { subject, version: appended[appended.length - 1].version, events: appended };
}

/** The order in which a transaction locks the streams it appends to. */
export function compareSubjects(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
