import { foldSubject, type AggregateKind, type AggregateState, type StoredEvent } from '@newsledger/domain';
import type { EventStore } from '@newsledger/event-store';
import { problems } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';

/** `?as_of=` (what the ledger knew at that moment) and `?as_of_position=` (the log up to that event). */
export const asOfQuery = z.strictObject({
  as_of: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 timestamp' }).optional(),
  as_of_position: z.coerce.number().int().min(0).optional(),
});
export type AsOfQuery = z.output<typeof asOfQuery>;

/** The subject a path slug names; a slug that cannot be one is as unknown as a missing one. */
export function subjectFromSlug(kind: AggregateKind, slug: string): string {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) throw problems.notFound(`No ${kind} ${slug}.`);
  return `${kind}:${slug}`;
}

/** A resource as the API shows it: the folded state, named by its slug. */
export function toResource(state: AggregateState): Record<string, unknown> {
  const { kind, ...fields } = state;
  return { id: state.subject.slice(kind.length + 1), ...fields };
}

/**
 * One resource now (its read-model row) or as of a past point (its stream folded up to there, with the
 * same foldSubject, so both answers follow the same rules). A row without state (a company only
 * referenced) is the fold of nothing.
 */
export async function loadResource(
  pool: pg.Pool,
  store: EventStore,
  table: string,
  kind: AggregateKind,
  slug: string,
  asOf: AsOfQuery,
): Promise<Record<string, unknown>> {
  const subject = subjectFromSlug(kind, slug);
  const { rows } = await pool.query<{ state: AggregateState | null }>(`SELECT state FROM ${table} WHERE subject = $1`, [subject]);
  if (rows.length === 0) throw problems.notFound(`No ${kind} ${slug}.`);
  if (asOf.as_of === undefined && asOf.as_of_position === undefined) return toResource(rows[0].state ?? foldSubject(subject, []));
  const untilRecordedAt = asOf.as_of === undefined ? undefined : throughMillisecond(asOf.as_of);
  const events = await store.readStream(subject, { untilRecordedAt, untilPosition: asOf.as_of_position });
  // RecordedEvent is StoredEvent as the log types it (source as plain JSON).
  return { ...toResource(foldSubject(subject, events as unknown as StoredEvent[])), as_of: { timestamp: asOf.as_of ?? null, position: asOf.as_of_position ?? null } };
}

/**
 * The API shows recorded_at to the millisecond while PostgreSQL keeps microseconds: `as_of` set to an
 * event's recorded_at as shown must include that event, so the bound is the end of that millisecond.
 */
function throughMillisecond(timestamp: string): string {
  return new Date(timestamp).toISOString().replace('Z', '999Z');
}
