import type { StoredEvent } from '@newsledger/domain';
import { readStreams, type RecordedEvent } from '@newsledger/event-store';
import type pg from 'pg';
import type { StreamCache } from './stream-cache.js';

/**
 * The streams of `subjects` (every one present), each from its first event up to its last in the batch
 * `events`: what the log holds of it once the batch is applied, no more. A stream's events come in
 * version order in the log and a batch is a stretch of the log, so its events in the batch follow the
 * ones before: a stream that begins in the batch is whole in it, one whose beginning `cache` holds is
 * that beginning and the batch, and the others are read inside the projection's transaction, on the
 * same client, all in one round trip. Every stream is kept in `cache` for the batches that follow.
 */
export async function streamsOf(
  db: pg.PoolClient,
  events: readonly RecordedEvent[],
  subjects: readonly string[],
  cache: StreamCache,
): Promise<Map<string, StoredEvent[]>> {
  const inBatch = new Map(subjects.map((subject) => [subject, [] as StoredEvent[]]));
  for (const event of events) inBatch.get(event.subject)?.push(stored(event));
  const streams = new Map<string, StoredEvent[]>();
  const unknown: string[] = [];
  for (const [subject, batch] of inBatch) {
    const before = batch[0].version === 1 ? [] : cache.before(subject, batch[0].version);
    if (before) streams.set(subject, [...before, ...batch]);
    else unknown.push(subject);
  }
  for (const [subject, stream] of await readStreams(db, unknown)) {
    const last = inBatch.get(subject)!.at(-1)!.version;
    streams.set(subject, stream.filter((event) => event.version <= last).map(stored));
  }
  for (const [subject, stream] of streams) cache.keep(subject, stream);
  return new Map(subjects.map((subject) => [subject, streams.get(subject)!]));
}

/**
 * The fields a fold reads; events are cut down to them whether they come from the batch or the table,
 * so a fold sees the same events either way. Upcasting is left to the domain's resolveStream. A literal,
 * not built from a list of names: every event of every batch passes here, and V8 builds the literal's
 * object at once with its final shape.
 */
function stored(event: RecordedEvent): StoredEvent {
  // RecordedEvent is StoredEvent as the log types it (source as plain JSON), with more fields.
  const { event_id, type, schema_version, subject, version, global_position, data, source, companies, regions } = event;
  const { occurred_on, occurred_precision, correlation_id, recorded_at } = event;
  return {
    event_id,
    type,
    schema_version,
    subject,
    version,
    global_position,
    data,
    source,
    companies,
    regions,
    occurred_on,
    occurred_precision,
    correlation_id,
    recorded_at,
  } as unknown as StoredEvent;
}
