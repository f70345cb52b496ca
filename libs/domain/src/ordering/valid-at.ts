import type { StoredEvent } from '../envelope/envelope.types.js';
import { isMetaType, type MetaData } from '../meta/meta.events.js';
import { resolveMeta } from '../meta/resolve-meta.js';
import { upcast } from '../upcast/upcast.js';
import { intervalOf } from './valid-time.js';

type Timed = Pick<StoredEvent, 'occurred_on' | 'occurred_precision' | 'recorded_at'> & { source: { published_at?: string | null } };

/**
 * The instant (epoch ms) from which an event counts in valid time: the start of its period ("in
 * December 2025" counts from 1 December); an undated one from the day it was first reported
 * (`source.published_at`), else from when the ledger recorded it — the first moment we know it had happened.
 */
export function validFrom(event: Timed): number {
  const interval = intervalOf(event.occurred_on, event.occurred_precision);
  if (interval !== null) return Date.parse(`${interval.start}T00:00:00Z`);
  const published = event.source.published_at;
  if (published) return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(published) ? `${published}T00:00:00Z` : published);
  return Date.parse(event.recorded_at);
}

/**
 * The events of one stream that make up the world at instant `at` (ISO 8601) as the stream knows it:
 * the facts whose valid time has started by then — dated as corrected by the stream's own corrections,
 * so a correction can move a fact across `at` — and the meta-events that apply to those facts.
 * Folding the result answers "what was true on that date"; folding a stream cut at a recorded time
 * first answers "what did we know then about that date". Array order is kept.
 */
export function eventsValidAt<E extends StoredEvent>(events: readonly E[], at: string): E[] {
  const limit = Date.parse(at);
  const corrected = new Map(resolveMeta(events.map(upcast), () => {}).facts.map((fact) => [fact.event_id, fact]));
  const kept = new Set<string>();
  for (const event of [...events].sort((a, b) => a.version - b.version)) {
    const counts = isMetaType(event.type)
      ? kept.has((event.data as MetaData['fact.retracted']).target_event_id)
      : validFrom(corrected.get(event.event_id) ?? event) <= limit;
    if (counts) kept.add(event.event_id);
  }
  return events.filter((event) => kept.has(event.event_id));
}
