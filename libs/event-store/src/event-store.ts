import { Inject, Injectable, Optional } from '@nestjs/common';
import { PG_POOL, withTransaction } from '@newsledger/platform';
import type pg from 'pg';
import { AppendGroups, appendResult, compareSubjects } from './append-groups.js';
import { CommitNotifier } from './commit-notifier.js';
import { AppendRetryRequired, appendError } from './errors.js';
import { eventOf, LOG_START, logHead, logPointOf, readLogPage, readStreams, type LogFilter, type Queryable } from './log-reads.js';
import {
  EVENT_COLUMNS,
  type AppendBatch,
  type AppendedEvent,
  type AppendResult,
  type EventToAppend,
  type ExpectedVersion,
  type RecordedEvent,
} from './recorded-event.js';
import { EVENT_UPCASTERS, upcastEvent, type UpcasterRegistry } from './upcasting.js';

const APPEND_SQL = `SELECT event_id, version, global_position, recorded_at, duplicate FROM event_store_append($1, $2, $3, $4)`;

// Streams are read without the snapshot horizon: deciding needs every committed event.
const STREAM_SQL = `
  SELECT ${EVENT_COLUMNS} FROM events e
   WHERE e.subject = $1 AND e.version >= $2
     AND ($3::bigint IS NULL
          OR (e.transaction_id, e.global_position) <= (SELECT transaction_id, global_position FROM event_log_point($3)))
     AND ($4::timestamptz IS NULL OR e.recorded_at <= $4)
   ORDER BY e.version`;

// The same cut as STREAM_SQL, over several streams at once (a page of a list as of a past point).
const STREAMS_UNTIL_SQL = `
  SELECT ${EVENT_COLUMNS} FROM events e
   WHERE ${eventOf('$1::text[]')}
     AND ($2::bigint IS NULL
          OR (e.transaction_id, e.global_position) <= (SELECT transaction_id, global_position FROM event_log_point($2)))
     AND ($3::timestamptz IS NULL OR e.recorded_at <= $3)
   ORDER BY e.subject, e.version`;

// The streams where a company is named, as recorded up to the same cut; served by events_companies.
const SUBJECTS_NAMING_SQL = `
  SELECT DISTINCT e.subject FROM events e
   WHERE e.companies @> ARRAY[$1::text]
     AND ($2::bigint IS NULL
          OR (e.transaction_id, e.global_position) <= (SELECT transaction_id, global_position FROM event_log_point($2)))
     AND ($3::timestamptz IS NULL OR e.recorded_at <= $3)
   ORDER BY e.subject`;

const STREAM_VERSION_SQL = `SELECT version FROM streams WHERE subject = $1`;
const BY_IDS_SQL = `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id = ANY ($1::uuid[]) ORDER BY e.global_position`;

// BY_IDS_SQL and the streams' read in one statement: what a write decides on, in one round trip.
const DECIDING_SQL = `
  SELECT ${EVENT_COLUMNS}, e.event_id = ANY ($1::uuid[]) AS asked_by_id, e.subject = ANY ($2::text[]) AS in_stream
    FROM events e WHERE ${eventOf('$2::text[]', '$1::uuid[]')}
   ORDER BY e.subject, e.version`;

const DEFAULT_LOG_LIMIT = 100;
// A retry takes a new transaction id, younger than the stream's last appender; only a race for the
// same stream between taking the id and taking its lock can make it fail again.
const APPEND_ATTEMPTS = 5;
// One group on its way at a time: the next one forms meanwhile. At 50 concurrent writers, two in
// flight halved the groups and gave ~20 % fewer appends per second than one (bench ingest).
const GROUPS_IN_FLIGHT = 1;
// A cap on one statement's size and on the wait of the appends behind it: an import chunk's worth.
const EVENTS_PER_GROUP = 500;

/** A point of the past: the log up to event N, and/or as recorded up to a moment. */
export interface LogCut {
  /** The stream as it stood at event N of the log: its events up to N in log order. */
  untilPosition?: number;
  /** The stream as recorded up to this moment. */
  untilRecordedAt?: string;
}

export interface ReadStreamOptions extends LogCut {
  fromVersion?: number;
}

export interface ReadLogOptions extends LogFilter {
  /** A global position: the page starts after that event in log order. */
  after?: number;
  limit?: number;
}

/** The append-only log of events: optimistic appends to streams, reads by stream and in log order. */
@Injectable()
export class EventStore {
  private readonly notifier: CommitNotifier;
  private readonly groups: AppendGroups;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Optional() @Inject(EVENT_UPCASTERS) private readonly upcasters: UpcasterRegistry = {},
  ) {
    this.notifier = new CommitNotifier(pool);
    this.groups = new AppendGroups(pool, (batch) => retried(() => this.appendOn(this.pool, batch, false)), {
      maxInFlight: GROUPS_IN_FLIGHT,
      maxEvents: EVENTS_PER_GROUP,
      attempts: APPEND_ATTEMPTS,
    });
  }

  /**
   * Appends to one stream if it is at `expected`, in one round trip. Without `client`, it shares that
   * round trip and its transaction with the appends other callers make meanwhile (see AppendGroups);
   * with `client`, it joins the caller's transaction, and consumers are notified when that commits.
   */
  async append(subject: string, events: EventToAppend[], expected: ExpectedVersion, client?: pg.PoolClient): Promise<AppendResult> {
    if (client) return this.appendOn(client, { subject, events, expected }, true);
    checkBatch({ subject, events, expected });
    const result = await this.groups.append({ subject, events, expected });
    this.notifier.committed();
    return result;
  }

  /** Appends to several streams in one transaction: all or nothing. Results come in `batches` order. */
  async appendMany(batches: AppendBatch[]): Promise<AppendResult[]> {
    // One stream needs no explicit transaction: the append function is one atomic statement.
    if (batches.length === 1) return [await this.append(batches[0].subject, batches[0].events, batches[0].expected)];
    // Streams are locked in subject order, so two calls over the same streams cannot deadlock.
    const order = batches.map((_, index) => index).sort((a, b) => compareSubjects(batches[a].subject, batches[b].subject));
    const results = new Array<AppendResult>(batches.length);
    await retried(() =>
      withTransaction(this.pool, async (client) => {
        for (const index of order) results[index] = await this.appendOn(client, batches[index], false);
      }),
    );
    this.notifier.committed();
    return results;
  }

  async readStream(subject: string, { fromVersion = 1, untilPosition, untilRecordedAt }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<RecordedEvent>(STREAM_SQL, [
      subject,
      fromVersion,
      untilPosition ?? null,
      untilRecordedAt ?? null,
    ]);
    return rows.map((event) => upcastEvent(this.upcasters, event));
  }

  /** Several whole streams in one round trip (a batch's streams); every subject asked for is in the map. */
  readStreams(subjects: readonly string[], db: Queryable = this.pool): Promise<Map<string, RecordedEvent[]>> {
    return readStreams(db, subjects, this.upcasters);
  }

  /** Several streams as they stood at one past point, in one round trip; every subject asked for is in the map. */
  async readStreamsUntil(subjects: readonly string[], { untilPosition, untilRecordedAt }: LogCut): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map(subjects.map((subject) => [subject, [] as RecordedEvent[]]));
    if (subjects.length === 0) return streams;
    const { rows } = await this.pool.query<RecordedEvent>(STREAMS_UNTIL_SQL, [subjects, untilPosition ?? null, untilRecordedAt ?? null]);
    for (const event of rows) streams.get(event.subject)!.push(upcastEvent(this.upcasters, event));
    return streams;
  }

  /** The subjects of the streams whose events name `company`, among the events recorded up to `cut`. */
  async subjectsNaming(company: string, { untilPosition, untilRecordedAt }: LogCut = {}): Promise<string[]> {
    const { rows } = await this.pool.query<{ subject: string }>(SUBJECTS_NAMING_SQL, [company, untilPosition ?? null, untilRecordedAt ?? null]);
    return rows.map((row) => row.subject);
  }

  /** A page of the log in log order; resuming with `after: last_position` never skips an event. */
  async readLog({
    after = 0,
    limit = DEFAULT_LOG_LIMIT,
    ...filter
  }: ReadLogOptions): Promise<{ events: RecordedEvent[]; last_position: number | null }> {
    const from = after > 0 ? await logPointOf(this.pool, after) : LOG_START;
    const events = (await readLogPage(this.pool, from, limit, filter)).map((event) => upcastEvent(this.upcasters, event));
    return { events, last_position: events.at(-1)?.global_position ?? null };
  }

  /** The position of the last readable event in log order (almost always the highest); 0 when empty. */
  head(): Promise<number> {
    return logHead(this.pool);
  }

  /** 0 when the stream has no events. */
  async streamVersion(subject: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(STREAM_VERSION_SQL, [subject]);
    return rows[0]?.version ?? 0;
  }

  /** The stored events among `ids`, in log position order. */
  async findByEventIds(ids: string[]): Promise<RecordedEvent[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<RecordedEvent>(BY_IDS_SQL, [ids]);
    return rows.map((event) => upcastEvent(this.upcasters, event));
  }

  /**
   * `findByEventIds(ids)` and `readStreams(subjects)` in one round trip: the stored events among `ids`
   * (in log position order) and the whole streams of `subjects` (every subject asked for is in the map).
   */
  async findAndReadStreams(ids: string[], subjects: readonly string[]): Promise<{ found: RecordedEvent[]; streams: Map<string, RecordedEvent[]> }> {
    const streams = new Map(subjects.map((subject) => [subject, [] as RecordedEvent[]]));
    if (ids.length === 0 && subjects.length === 0) return { found: [], streams };
    const { rows } = await this.pool.query<RecordedEvent & { asked_by_id: boolean; in_stream: boolean }>(DECIDING_SQL, [ids, subjects]);
    const found: RecordedEvent[] = [];
    for (const { asked_by_id, in_stream, ...row } of rows) {
      const event = upcastEvent(this.upcasters, row);
      if (asked_by_id) found.push(event);
      if (in_stream) streams.get(event.subject)!.push(event);
    }
    found.sort((a, b) => a.global_position - b.global_position);
    return { found, streams };
  }

  private async appendOn(db: Queryable, batch: AppendBatch, notifyAtCommit: boolean): Promise<AppendResult> {
    const { subject, events, expected } = checkBatch(batch);
    try {
      const { rows } = await db.query<AppendedEvent>(APPEND_SQL, [subject, String(expected), JSON.stringify(events), notifyAtCommit]);
      return appendResult(batch, rows);
    } catch (error) {
      throw appendError(error, subject, expected);
    }
  }
}

function checkBatch(batch: AppendBatch): AppendBatch {
  if (batch.events.length === 0) throw new RangeError(`append to ${batch.subject} needs at least one event`);
  if (typeof batch.expected === 'number' && !(Number.isInteger(batch.expected) && batch.expected >= 0)) {
    throw new RangeError(`expected version ${batch.expected} is not a version number`);
  }
  return batch;
}

async function retried<T>(append: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await append();
    } catch (error) {
      if (!(error instanceof AppendRetryRequired) || attempt === APPEND_ATTEMPTS) throw error;
    }
  }
}
