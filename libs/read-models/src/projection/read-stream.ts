import type { StoredEvent } from '@newsledger/domain';
import type { RecordedEvent } from '@newsledger/event-store';
import type pg from 'pg';

// Streams are read here rather than through EventStore.readStream so that a projection reads them
// inside the transaction that writes its rows and checkpoint, on the same client, all touched
// streams of a batch in one round trip. Upcasting is left to the domain's resolveStream.
const FIELDS = ['event_id', 'type', 'schema_version', 'subject', 'version', 'global_position', 'data', 'source', 'companies', 'regions',
  'occurred_on', 'occurred_precision', 'correlation_id', 'recorded_at'] as const;

const STREAMS_SQL = `SELECT ${FIELDS.join(', ')} FROM events WHERE subject = ANY ($1) ORDER BY subject, version`;

/**
 * The streams of `subjects`, each whole at least up to the batch `events` (every subject present).
 * A stream whose first event is in the batch is whole in it, since a stream's events come in version
 * order in the log and a batch is a stretch of the log: it is taken from the batch, as the stored
 * fields only, so that a fold sees the same events either way. The others are read, in one round trip.
 */
export async function streamsOf(db: pg.PoolClient, events: readonly RecordedEvent[], subjects: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const inBatch = new Map(subjects.map((subject) => [subject, [] as StoredEvent[]]));
  for (const event of events) inBatch.get(event.subject)?.push(stored(event));
  const begun = subjects.filter((subject) => inBatch.get(subject)![0]?.version !== 1);
  if (begun.length > 0) {
    for (const subject of begun) inBatch.set(subject, []);
    const { rows } = await db.query<StoredEvent>(STREAMS_SQL, [begun]);
    for (const event of rows) inBatch.get(event.subject)!.push(event);
  }
  return inBatch;
}

function stored(event: RecordedEvent): StoredEvent {
  // RecordedEvent is StoredEvent as the log types it (source as plain JSON), with more fields.
  return Object.fromEntries(FIELDS.map((field) => [field, event[field]])) as unknown as StoredEvent;
}
