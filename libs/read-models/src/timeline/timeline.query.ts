import { isoDate, resolveStream } from '@newsledger/domain';
import type { EventStore } from '@newsledger/event-store';
import { cursorInteger, decodeCursor, pageQuery, toPage, type Page } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { streamsAt } from '../http/past-states.js';
import { isNow, logCut, timeFields, type TimeQuery } from '../http/time-query.js';
import { timelineFacts, type TimelineFact } from './timeline-rows.js';

export const timelineQuery = z.strictObject({ ...timeFields, ...pageQuery });

type SortedEntry = Omit<TimelineFact, 'company'>;
export type TimelineEntry = Omit<SortedEntry, 'sort_on'>;

// Keyset on (sort_on, global_position) descending.
const TIMELINE_SQL = `
  SELECT sort_on, event_id, subject, type, occurred_on, occurred_precision, recorded_at, global_position, data, source, confidence
    FROM rm_timeline
   WHERE company = $1
     AND ($2::date IS NULL OR (sort_on, global_position) < ($2::date, $3::bigint))
   ORDER BY sort_on DESC, global_position DESC
   LIMIT $4`;

/**
 * A page of a company's timeline, newest first by valid time: from rm_timeline now, or at a past
 * point by resolving, on demand, every stream that names the company as it stood then (bounded by
 * the streams naming one company, not by the log). Null when nothing named the company at that point.
 */
export async function timelinePage(
  pool: pg.Pool,
  store: EventStore,
  company: string,
  query: z.output<typeof timelineQuery>,
): Promise<Page<TimelineEntry> | null> {
  const [sortOn, position] = decodeCursor(query.cursor, z.tuple([isoDate, cursorInteger])) ?? [null, null];
  const keyOf = (r: SortedEntry) => [r.sort_on, r.global_position];
  const entry = ({ sort_on: _key, ...row }: SortedEntry): TimelineEntry => row;
  if (isNow(query)) {
    const { rows } = await pool.query<SortedEntry>(TIMELINE_SQL, [company, sortOn, position, query.limit + 1]);
    return toPage(rows, query.limit, keyOf, entry);
  }
  const facts = await factsAt(store, company, query);
  if (facts.length === 0) return null;
  const after = (r: SortedEntry) => sortOn === null || r.sort_on < String(sortOn) || (r.sort_on === String(sortOn) && r.global_position < Number(position));
  const rows = facts
    .map(({ company: _company, ...fact }) => fact)
    .sort((a, b) => b.sort_on.localeCompare(a.sort_on) || b.global_position - a.global_position)
    .filter(after);
  return toPage(rows, query.limit, keyOf, entry);
}

/** The facts naming `company` at the past point `time` names. */
export async function factsAt(store: EventStore, company: string, time: TimeQuery): Promise<TimelineFact[]> {
  const streams = await streamsAt(store, await store.subjectsNaming(company, logCut(time)), time);
  return [...streams].flatMap(([subject, stream]) => timelineFacts(resolveStream(subject, stream))).filter((fact) => fact.company === company);
}
