import { EventStore } from '@newsledger/event-store';
import { compare, throughput } from '../lib/measure.js';
import { report } from '../lib/report.js';
import type { ScratchDatabase } from '../lib/scratch-database.js';
import { RAW_TABLE_SQL, rawInsert, sampleEvent } from './sample-events.js';

const ROUNDS = 7;
const ROUND_MS = 1_500;

/** Appends through the store against the same rows INSERTed into a table of the same shape, one transaction each. */
export async function appendCases(db: ScratchDatabase): Promise<void> {
  await db.pool.query(RAW_TABLE_SQL);
  const store = new EventStore(db.pool);
  const cases = [
    { name: 'append 1 event, 1 writer', writers: 1, events: 1, target: undefined },
    { name: 'append 1 event, 8 writers', writers: 8, events: 1, target: 0.5 },
    { name: 'append 100 events, 1 writer', writers: 1, events: 100, target: 0.5 },
  ];
  for (const { name, writers, events, target } of cases) {
    // Each writer has a stream of its own on both sides, and knows its version.
    const storeVersions = new Array<number>(writers).fill(0);
    const rawVersions = new Array<number>(writers).fill(0);
    const subject = (side: string, worker: number) => `bench:${side}-${writers}x${events}-${worker}`;
    const raw = (durationMs: number) =>
      throughput(
        async (worker) => {
          const insert = rawInsert(subject('raw', worker), rawVersions[worker] + 1, Array.from({ length: events }, sampleEvent));
          await db.pool.query(insert.text, insert.values);
          rawVersions[worker] += events;
        },
        { workers: writers, durationMs },
      );
    const appended = (durationMs: number) =>
      throughput(
        async (worker) => {
          const result = await store.append(subject('store', worker), Array.from({ length: events }, sampleEvent), storeVersions[worker]);
          storeVersions[worker] = result.version;
        },
        { workers: writers, durationMs },
      );
    await raw(300);
    await appended(300);
    const result = await compare(
      () => appended(ROUND_MS),
      () => raw(ROUND_MS),
      ROUNDS,
    );
    report({
      bench: 'event-store',
      case: name,
      unit: events === 1 ? 'appends/s' : 'batches/s',
      baseline:
        events === 1 ? 'single-row INSERT per transaction, same table shape' : `${events}-row INSERT per transaction, same table shape`,
      ...result,
      ...(target ? { target_ratio: target } : {}),
      details: { events_per_s: Math.round(result.value * events) },
    });
  }
}
