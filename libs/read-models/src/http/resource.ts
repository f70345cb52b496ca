import { foldSubject, type AggregateKind, type AggregateState } from '@newsledger/domain';
import type { EventStore } from '@newsledger/event-store';
import { problems } from '@newsledger/platform';
import type pg from 'pg';
import { storedOrder } from './json-text.js';
import { withDecimalAmounts } from './money.js';
import { statesAt } from './past-states.js';
import { subjectFromPath } from './subject-id.js';
import { askedTimes, isNow, type TimeQuery } from './time-query.js';

/** A resource as the API shows it: the folded state, named by its slug. */
export function toResource(state: AggregateState): Record<string, unknown> {
  const { kind, ...fields } = state;
  return { id: state.subject.slice(kind.length + 1), ...fields };
}

/**
 * What a list sends for a folded state, built once when the projection stores it: the resource the
 * state (as read back from its jsonb column) makes, as PresentationInterceptor would present it.
 */
export function resourceDocument(state: AggregateState, resource: (state: AggregateState) => Record<string, unknown> = toResource): string {
  return presentedJson(resource(storedOrder(state) as AggregateState));
}

/** A live row as lists read it: its stored document, or its state where it has no document yet. */
export interface ListedRow {
  subject: string;
  doc: string | null;
  state: AggregateState | null;
}

/**
 * What a list sends for a live row: the document its projection stored, or — for a row written
 * before its table had documents, until the rebuild the migration queued swaps in — the same bytes
 * rendered from its state; a company only referenced has no state and shows as the fold of nothing.
 */
export function rowDocument(row: ListedRow, resource?: (state: AggregateState) => Record<string, unknown>): string {
  if (row.doc !== null) return row.doc;
  return row.state ? resourceDocument(row.state, resource) : presentedJson(toResource(foldSubject(row.subject, [])));
}

/** A body as PresentationInterceptor sends it. */
export function presentedJson(body: unknown): string {
  return JSON.stringify(withDecimalAmounts(body));
}

/**
 * One resource now (its read-model row) or at a past point (its stream cut and selected there, then
 * folded with the same foldSubject, so both answers follow the same rules). A row without state (a
 * company only referenced) is the fold of nothing. A subject that did not exist at that point is a 404.
 */
export async function loadResource(
  pool: pg.Pool,
  store: EventStore,
  table: string,
  kind: AggregateKind,
  id: string,
  time: TimeQuery,
): Promise<Record<string, unknown>> {
  const subject = subjectFromPath(kind, id);
  const { rows } = await pool.query<{ state: AggregateState | null }>(`SELECT state FROM ${table} WHERE subject = $1`, [subject]);
  if (rows.length === 0) throw problems.notFound(`No ${kind} ${id}.`);
  if (isNow(time)) return toResource(rows[0].state ?? foldSubject(subject, []));
  const [state] = await statesAt(store, [subject], time);
  if (state === undefined) throw problems.notFound(`No ${kind} ${id} at that point: its first event came later.`);
  return { ...toResource(state), ...askedTimes(time) };
}
