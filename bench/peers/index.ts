import { setTimeout as sleep } from 'node:timers/promises';
import { projections } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, postgreSQLRawSQLProjection, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { withTransaction } from '@newsledger/platform';
import { EventStore, LogConsumer, whenCaughtUp } from '@newsledger/event-store';
import { sampleEvent } from '../event-store/sample-events.js';
import { catchUpCase } from './catch-up.js';
import { emmettEvent, type BenchEvent } from './emmett-events.js';
import { compare, throughput } from '../lib/measure.js';
import { report } from '../lib/report.js';
import { withScratchDatabase, type ScratchDatabase } from '../lib/scratch-database.js';

// Emmett (@event-driven-io/emmett-postgresql), the closest TypeScript event store on PostgreSQL, doing
// the same work on the same database in the same run. Each ratio is ours / Emmett's.
const ROUNDS = 5;
const ROUND_MS = 1_500;
const ORDERING_WRITERS = 8;
const ORDERING_EVENTS = Number(process.env.BENCH_PEERS_ORDERING_EVENTS ?? 4_000);
const MAX_COMMIT_DELAY_MS = 5;
const quiet = { warn: () => undefined, error: (details: object, message: string) => console.error(message, details) };

export async function run(): Promise<void> {
  await withScratchDatabase(async (db) => {
    // On the scratch database's pool, which is ended before the database is dropped.
    const emmett = getPostgreSQLEventStore(db.url, { schema: { autoMigration: 'CreateOrUpdate' }, connectionOptions: { pool: db.pool } });
    try {
      await emmett.appendToStream('bench-warmup', [emmettEvent(0)]);
      await appendCases(db, emmett);
    } finally {
      await emmett.close();
    }
    await orderingCase();
  });
  await withScratchDatabase(catchUpCase);
}

async function appendCases(db: ScratchDatabase, emmett: PostgresEventStore): Promise<void> {
  const store = new EventStore(db.pool);
  for (const writers of [1, 8]) {
    let n = 0;
    const ours = () => throughput((w) => store.append(`bench:ours-${writers}-${w}-${n++}`, [sampleEvent()], 'no_stream'), { workers: writers, durationMs: ROUND_MS });
    const theirs = () => throughput((w) => emmett.appendToStream(`bench-emmett-${writers}-${w}-${n++}`, [emmettEvent(n)]), { workers: writers, durationMs: ROUND_MS });
    report({
      bench: 'peers',
      case: `append 1 event to a new stream, ${writers} writer${writers > 1 ? 's' : ''}`,
      unit: 'appends/s',
      baseline: 'Emmett 0.42 appendToStream, same database, same run',
      ...(await compare(ours, theirs, ROUNDS)),
      target_ratio: 1.5,
    });
  }
}

/**
 * 8 writers whose transactions take a random few milliseconds to commit while a consumer follows the
 * log from the start: the events the consumer never saw, for each store. Positions are drawn at insert
 * and become visible at commit, so a reader that pages by position alone skips the late committers.
 */
async function orderingCase(): Promise<void> {
  const ours = await withScratchDatabase((scratch) => ourSkips(scratch));
  const theirs = await withScratchDatabase((scratch) => emmettSkips(scratch));
  report({
    bench: 'peers',
    case: `events a following consumer never saw, ${ORDERING_WRITERS} writers with random commit delays`,
    unit: 'events skipped',
    baseline: `Emmett 0.42 consumer on the same load (${ORDERING_EVENTS} events)`,
    value: ours,
    baseline_value: theirs,
    ratio: theirs === 0 ? (ours === 0 ? 1 : Infinity) : ours / theirs,
    details: { target: 'ours 0', events: ORDERING_EVENTS, writers: ORDERING_WRITERS, max_commit_delay_ms: MAX_COMMIT_DELAY_MS },
  });
}

async function writeConcurrently(write: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: ORDERING_WRITERS }, async () => {
      while (next < ORDERING_EVENTS) await write(next++);
    }),
  );
}

async function ourSkips(db: ScratchDatabase): Promise<number> {
  const store = new EventStore(db.pool);
  const seen = new Set<number>();
  const consumer = new LogConsumer(db.pool, db.url, {
    name: 'bench-ordering',
    idleWaitMs: 50,
    logger: quiet,
    handle: async (events) => {
      for (const event of events) seen.add((event.data as { n: number }).n);
    },
  });
  consumer.start();
  try {
    await writeConcurrently((n) =>
      withTransaction(db.pool, async (client) => {
        await store.append(`bench:ordering-${n}`, [{ ...sampleEvent(), data: { n } }], 'no_stream', client);
        await sleep(Math.random() * MAX_COMMIT_DELAY_MS);
      }),
    );
    await whenCaughtUp(db.pool, 'bench-ordering', await store.head(), { timeoutMs: 60_000 });
  } finally {
    await consumer.stop();
  }
  return ORDERING_EVENTS - seen.size;
}

async function emmettSkips(db: ScratchDatabase): Promise<number> {
  // An inline projection runs inside the append's transaction: here it only delays the commit.
  const delay = postgreSQLRawSQLProjection<BenchEvent>({
    name: 'commit-delay',
    canHandle: ['BenchEvent'],
    evolve: async () => {
      await sleep(Math.random() * MAX_COMMIT_DELAY_MS);
      return [];
    },
  });
  const emmett = getPostgreSQLEventStore(db.url, {
    schema: { autoMigration: 'CreateOrUpdate' },
    projections: projections.inline([delay]),
    connectionOptions: { pool: db.pool },
  });
  const seen = new Set<number>();
  const consumer = emmett.consumer<BenchEvent>();
  consumer.reactor<BenchEvent>({
    processorId: 'bench-ordering',
    startFrom: 'BEGINNING',
    eachMessage: (message) => {
      seen.add(message.data.n);
      return Promise.resolve();
    },
  });
  try {
    await emmett.appendToStream('bench-warmup', [emmettEvent(-1)]);
    seen.clear();
    void consumer.start();
    await writeConcurrently((n) => emmett.appendToStream(`bench-ordering-${n}`, [emmettEvent(n)]).then(() => undefined));
    // It has caught up once it sees nothing new for a while.
    for (let size = -1; size !== seen.size; ) {
      size = seen.size;
      await sleep(2_000);
    }
  } finally {
    // close, not stop: the consumer's pool stays open until closed, and dropping the database would kill it.
    await consumer.close();
    await emmett.close();
  }
  seen.delete(-1);
  return ORDERING_EVENTS - seen.size;
}
