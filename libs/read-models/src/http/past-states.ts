import { eventsValidAt, foldSubject, type AggregateState, type StoredEvent } from '@newsledger/domain';
import type { EventStore, RecordedEvent } from '@newsledger/event-store';
import { logCut, type TimeQuery } from './time-query.js';

// RecordedEvent is StoredEvent as the log types it (source as plain JSON).
const asStored = (events: RecordedEvent[]) => events as unknown as StoredEvent[];

/**
 * The events of each stream that count at the past point `time` names: the stream cut at `as_of` /
 * `as_of_position`, then, for `valid_at`, only what had happened by then as the cut stream dates it
 * (the domain's eventsValidAt). A subject with no such event did not exist at that point.
 */
export async function streamsAt(store: EventStore, subjects: readonly string[], time: TimeQuery): Promise<Map<string, StoredEvent[]>> {
  const cut = await store.readStreamsUntil(subjects, logCut(time));
  const counted = new Map<string, StoredEvent[]>();
  for (const [subject, events] of cut) {
    const stream = time.valid_at === undefined ? asStored(events) : eventsValidAt(asStored(events), time.valid_at.through);
    if (stream.length > 0) counted.set(subject, stream);
  }
  return counted;
}

/** The states of the subjects that existed at the point `time` names, folded like the live read models, in `subjects` order. */
export async function statesAt(store: EventStore, subjects: readonly string[], time: TimeQuery): Promise<AggregateState[]> {
  const streams = await streamsAt(store, subjects, time);
  return subjects.flatMap((subject) => {
    const stream = streams.get(subject);
    return stream ? [foldSubject(subject, stream)] : [];
  });
}
