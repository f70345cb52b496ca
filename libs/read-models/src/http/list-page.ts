import type { AggregateState } from '@newsledger/domain';
import type { EventStore } from '@newsledger/event-store';
import { cursorText, decodeCursor, encodeCursor, toPage, type Page } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { foldedRecordset, type RowShape } from '../projection/row-shape.js';
import { statesAt } from './past-states.js';
import { documentPage, type JsonText } from './json-text.js';
import { rowDocument, toResource, type ListedRow } from './resource.js';
import { askedTimes, isNow, type TimeQuery } from './time-query.js';

/** A list of one read model: its rows' shape and the SQL conditions of its filters over the shape's columns ($1…$n). */
export interface ListFilter<S extends AggregateState> {
  shape: RowShape<S>;
  where: string;
  params: unknown[];
}

type ListQuery = TimeQuery & { limit: number; cursor?: string };

// A past page folds its candidates on demand, a chunk at a time: at most this many subjects per
// request, so a very selective filter answers a short page with a next_cursor instead of folding the
// whole ledger in one request.
const MAX_SCANNED = 2_000;

/** The live rows of a list page, its filter's parameters followed by the cursor's subject and the limit. */
export function livePageSql<S extends AggregateState>({ shape, where, params }: ListFilter<S>): string {
  const n = params.length;
  // A row stored before its table had documents is rendered from its state (rowDocument).
  return `SELECT subject, doc, CASE WHEN doc IS NULL THEN state END AS state FROM ${shape.table}
           WHERE ${where} AND ($${n + 1}::text IS NULL OR subject > $${n + 1})
           ORDER BY subject LIMIT $${n + 2}`;
}

/**
 * A page of a read model, in subject order: the live rows' stored documents as one JSON text, or — asked about a past point — the states
 * of that point folded on demand, made into rows like the projection makes them and filtered by the
 * same conditions. The past page also says which point it shows.
 */
export async function listPage<S extends AggregateState>(
  pool: pg.Pool,
  store: EventStore,
  filter: ListFilter<S>,
  query: ListQuery,
): Promise<JsonText | (Page<Record<string, unknown>> & { as_of?: unknown; valid_at?: unknown })> {
  const [after] = decodeCursor(query.cursor, z.tuple([cursorText])) ?? [null];
  if (isNow(query)) {
    const { rows } = await pool.query<ListedRow>(livePageSql(filter), [...filter.params, after, query.limit + 1]);
    const resource = filter.shape.resource as ((state: AggregateState) => Record<string, unknown>) | undefined;
    return documentPage(rows, query.limit, (r) => rowDocument(r, resource), (r) => [r.subject]);
  }
  return { ...(await pastPage(pool, store, filter, query, after)), ...askedTimes(query) };
}

async function pastPage<S extends AggregateState>(
  pool: pg.Pool,
  store: EventStore,
  { shape, where, params }: ListFilter<S>,
  query: ListQuery,
  after: string | null,
): Promise<Page<Record<string, unknown>>> {
  // Every subject that existed at a past point has a row now: the log only grows.
  const candidatesSql = `SELECT subject FROM ${shape.table} WHERE ($1::text IS NULL OR subject > $1) ORDER BY subject LIMIT $2`;
  const matchingSql = `SELECT subject FROM ${foldedRecordset(shape.columns, params.length + 1)} WHERE ${where} ORDER BY subject`;
  const chunk = query.limit + 1;
  const resource = (state: S) => (shape.resource ?? toResource)(state);
  const found: S[] = [];
  let scannedTo = after;
  let scanned = 0;
  let more = true;
  while (more && found.length <= query.limit && scanned < MAX_SCANNED) {
    const subjects = (await pool.query<{ subject: string }>(candidatesSql, [scannedTo, chunk])).rows.map((r) => r.subject);
    more = subjects.length === chunk;
    if (subjects.length === 0) break;
    scanned += subjects.length;
    scannedTo = subjects[subjects.length - 1];
    const states = new Map((await statesAt(store, subjects, query)).map((state) => [state.subject, state as S]));
    if (states.size === 0) continue;
    const rows = [...states.values()].map((state) => shape.rowOf(state));
    const { rows: matching } = await pool.query<{ subject: string }>(matchingSql, [...params, JSON.stringify(rows)]);
    found.push(...matching.map((r) => states.get(r.subject)!));
  }
  if (found.length > query.limit) return toPage(found, query.limit, (s) => [s.subject], resource);
  return { data: found.map(resource), next_cursor: more ? encodeCursor([scannedTo]) : null };
}
