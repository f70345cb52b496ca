import type pg from 'pg';
import { EVENT_COLUMNS, type RecordedEvent } from './recorded-event.js';
import { upcastEvent, type UpcasterRegistry } from './upcasting.js';

/**
 * A point in log order. Every cursor into the log is one of these, never a bare position: positions
 * are drawn at insert but become visible at commit, so they can appear out of order.
 */
export interface LogPoint {
  transaction_id: string;
  global_position: number;
}

export const LOG_START: LogPoint = { transaction_id: '0', global_position: 0 };

export interface LogFilter {
  /** 'acquisition.' matches every acquisition event. */
  typePrefix?: string;
  subject?: string;
  /** Events whose companies include this one. */
  company?: string;
}

export type Queryable = pg.Pool | pg.PoolClient;

// Only transactions older than every transaction still running (the snapshot's xmin) are read: none of
// them can still commit, so nothing will ever appear before the last event returned. This is what
// makes resuming after any returned event gap-free.
const PAGE_SQL = `
  SELECT ${EVENT_COLUMNS} FROM events e
   WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
     AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
     AND ($4::text IS NULL OR starts_with(e.type, $4))
     AND ($5::text IS NULL OR e.subject = $5)
     AND ($6::text IS NULL OR e.companies @> ARRAY[$6::text])
   ORDER BY e.transaction_id, e.global_position
   LIMIT $3`;

const CONTINUES_SQL = `SELECT EXISTS (SELECT 1 FROM events e WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)) AS continues`;

const POINT_SQL = `SELECT transaction_id::text, global_position FROM event_log_point($1)`;

const HEAD_SQL = `
  SELECT e.global_position FROM events e
   WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
   ORDER BY e.transaction_id DESC, e.global_position DESC
   LIMIT 1`;

/** Up to `limit` events after `after` in log order, below the snapshot horizon. */
export async function readLogPage(db: Queryable, after: LogPoint, limit: number, filter: LogFilter = {}): Promise<RecordedEvent[]> {
  const { typePrefix = null, subject = null, company = null } = filter;
  const { rows } = await db.query<RecordedEvent>(PAGE_SQL, [
    after.transaction_id,
    after.global_position,
    limit,
    typePrefix,
    subject,
    company,
  ]);
  return rows;
}

/** Whether committed events follow `after` in log order, readable yet or still held back by the horizon. */
export async function logContinuesAfter(db: Queryable, after: LogPoint): Promise<boolean> {
  const { rows } = await db.query<{ continues: boolean }>(CONTINUES_SQL, [after.transaction_id, after.global_position]);
  return rows[0].continues;
}

/** The log point of the event at `position` (of the nearest event below it when there is none there). */
export async function logPointOf(db: Queryable, position: number): Promise<LogPoint> {
  const { rows } = await db.query<LogPoint>(POINT_SQL, [position]);
  return rows[0];
}

/** The position of the last readable event in log order (almost always the highest), 0 for an empty log. */
export async function logHead(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ global_position: number }>(HEAD_SQL);
  return rows[0]?.global_position ?? 0;
}

/** Whether `event` comes at or before `point` in log order (transaction id, then position). */
export function isAtOrBefore(event: LogPoint, point: LogPoint): boolean {
  const a = BigInt(event.transaction_id);
  const b = BigInt(point.transaction_id);
  return a < b || (a === b && event.global_position <= point.global_position);
}

/**
 * SQL condition on `e`: the event is one of the streams `subjects`, or has one of the ids `ids` (SQL
 * expressions of text[] and uuid[]), looked up by index whatever the statistics (0011_stream-lookups.sql).
 */
export const eventOf = (subjects: string, ids = "'{}'::uuid[]") => `e.global_position = ANY (ARRAY(SELECT event_positions_of(${subjects}, ${ids})))`;
// Streams are read without the snapshot horizon: deciding and folding need every committed event.
const STREAMS_SQL = `SELECT ${EVENT_COLUMNS} FROM events e WHERE ${eventOf('$1::text[]')} ORDER BY e.subject, e.version`;

/** Several whole streams in one round trip, on a pool or inside a caller's transaction; every subject asked for is in the map. */
export async function readStreams(db: Queryable, subjects: readonly string[], upcasters: UpcasterRegistry = {}): Promise<Map<string, RecordedEvent[]>> {
  const streams = new Map(subjects.map((subject) => [subject, [] as RecordedEvent[]]));
  if (subjects.length === 0) return streams;
  const { rows } = await db.query<RecordedEvent>(STREAMS_SQL, [subjects]);
  for (const event of rows) streams.get(event.subject)!.push(upcastEvent(upcasters, event));
  return streams;
}
