import { EventStore, LogConsumer } from '@newsledger/event-store';
import { compare, rate } from '../lib/measure.js';
import { report } from '../lib/report.js';
import type { ScratchDatabase } from '../lib/scratch-database.js';
import { sampleEvent } from './sample-events.js';

const EVENTS = 100_000;
const BATCH = 500;
const ROUNDS = 5;

/** A no-op consumer reading the whole log from the start, against a keyset SELECT of the same rows. */
export async function consumerCase(db: ScratchDatabase): Promise<void> {
  await seed(db);
  let run = 0;
  const result = await compare(
    () => rate(() => consumeAll(db, `bench-${++run}`)),
    () => rate(() => keysetScan(db)),
    ROUNDS,
  );
  report({
    bench: 'event-store',
    case: `consumer reads ${EVENTS} events, no-op handler`,
    unit: 'events/s',
    baseline: `keyset SELECT * … ORDER BY global_position LIMIT ${BATCH}, same rows`,
    ...result,
    target_ratio: 0.5,
  });
}

async function seed(db: ScratchDatabase): Promise<void> {
  const store = new EventStore(db.pool);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < EVENTS / 100) {
        await store.append(`bench:seed-${next++ % 50}`, Array.from({ length: 100 }, sampleEvent), 'any');
      }
    }),
  );
}

async function keysetScan(db: ScratchDatabase): Promise<number> {
  let after = 0;
  let read = 0;
  for (;;) {
    const { rows } = await db.pool.query<{ global_position: number }>(
      'SELECT * FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2',
      [after, BATCH],
    );
    if (rows.length === 0) return read;
    read += rows.length;
    after = rows[rows.length - 1].global_position;
  }
}

/** Runs a fresh consumer until it has handled every event and committed its last checkpoint. */
function consumeAll(db: ScratchDatabase, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let handled = 0;
    const consumer = new LogConsumer(db.pool, db.url, {
      name,
      batchSize: BATCH,
      async handle(events) {
        handled += events.length;
        if (handled >= EVENTS) consumer.stop().then(() => resolve(handled), reject);
      },
    });
    consumer.start();
  });
}
