import type { StoredEvent } from '@newsledger/domain';
import { readStreams, type RecordedEvent } from '@newsledger/event-store';
import type pg from 'pg';

// The fields a fold reads; events are cut down to them whether they come from the batch or the table,
// so a fold sees the same events either way. Upcasting is left to the domain's resolveStream.
const FIELDS = ['event_id', 'type', 'schema_version', 'subject', 'version', 'global_position', 'data', 'source', 'companies', 'regions',
  'occurred_on', 'occurred_precision', 'correlation_id', 'recorded_at'] as const;

/**
 * The streams of `subjects`, each whole at least up to the batch `events` (every subject present).
 * A stream whose first event is in the batch is whole in it, since a stream's events come in version
 * order in the log and a batch is a stretch of the log: it is taken from the batch. The others are read
 * inside the projection's transaction, on the same client, all in one round trip.
 */
export async function streamsOf(db: pg.PoolClient, events: readonly RecordedEvent[], subjects: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const inBatch = new Map(subjects.map((subject) => [subject, [] as StoredEvent[]]));
  for (const event of events) inBatch.get(event.subject)?.push(stored(event));
  const begun = subjects.filter((subject) => inBatch.get(subject)![0]?.version !== 1);
  for (const [subject, stream] of await readStreams(db, begun)) inBatch.set(subject, stream.map(stored));
  return inBatch;
}

function stored(event: RecordedEvent): StoredEvent {
  // RecordedEvent is StoredEvent as the log types it (source as plain JSON), with more fields.
  return Object.fromEntries(FIELDS.map((field) => [field, event[field]])) as unknown as StoredEvent;
}
