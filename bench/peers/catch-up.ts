import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { getPostgreSQLEventStore, postgreSQLRawSQLProjection, type PostgresEventStore, type PostgresReadEvent } from '@event-driven-io/emmett-postgresql';
import { EventStore, LogConsumer, whenCaughtUp, type RecordedEvent } from '@newsledger/event-store';
import type pg from 'pg';
import { sampleEvent } from '../event-store/sample-events.js';
import { compare } from '../lib/measure.js';
import { report } from '../lib/report.js';
import type { ScratchDatabase } from '../lib/scratch-database.js';
import { emmettEvent, type BenchEvent } from './emmett-events.js';

const EVENTS = Number(process.env.BENCH_PEERS_CATCHUP_EVENTS ?? 20_000);
const EVENTS_PER_STREAM = 10;
const STREAMS = Math.ceil(EVENTS / EVENTS_PER_STREAM);
// Ours: the projector's batch size. Emmett's consumer pulls 100 by default; it gets the same 500.
const BATCH = 500;
// As often as whenCaughtUp looks at our checkpoint.
const POLL_MS = 20;
const ROUNDS = 3;
const quiet = { warn: () => undefined, error: (details: object, message: string) => console.error(message, details) };

// A per-stream summary, the simplest shape of our read models: one row per stream, upserted as events come.
const OURS = 'bench_stream_summary_ours';
const THEIRS = 'bench_stream_summary_emmett';
const SUMMARY_TABLES_SQL = `
  CREATE TABLE ${OURS} (stream_id text PRIMARY KEY, last_type text NOT NULL, event_count integer NOT NULL, last_position bigint NOT NULL);
  CREATE TABLE ${THEIRS} (LIKE ${OURS} INCLUDING ALL)`;

// Ours, as our projections write: the batch folded per stream, then one statement for all its rows.
const UPSERT_BATCH_SQL = `
  INSERT INTO ${OURS} AS s (stream_id, last_type, event_count, last_position)
  SELECT stream_id, last_type, event_count, last_position
    FROM jsonb_to_recordset($1::jsonb) AS r (stream_id text, last_type text, event_count integer, last_position bigint)
  ON CONFLICT (stream_id) DO UPDATE
    SET last_type = excluded.last_type, event_count = s.event_count + excluded.event_count, last_position = excluded.last_position`;

// Emmett's, one event at a time as its projector hands them over.
const UPSERT_ONE_SQL = `
  INSERT INTO ${THEIRS} AS s (stream_id, last_type, event_count, last_position) VALUES ($1, $2, 1, $3)
  ON CONFLICT (stream_id) DO UPDATE
    SET last_type = excluded.last_type, event_count = s.event_count + 1, last_position = excluded.last_position`;

/**
 * A SQL projection catching up from the start of a log of EVENTS events over STREAMS streams, in each
 * store, on the same database in the same run. What differs, by each library's design: our LogConsumer
 * hands the handler a whole batch, folded into one statement, and moves its checkpoint once per batch
 * in the same transaction, committed without waiting for the WAL flush as the projector's are. Emmett's
 * projector (postgreSQLRawSQLProjection on its consumer) runs a transaction per batch too, but calls the
 * projection once per event (even its batch variant is handed one event at a time) and stores its
 * checkpoint after each event: two statements per event. Emmett gets our batch size and no pause
 * between full batches (its default waits 50 ms), so what is measured is the processing, not its polling.
 */
export async function catchUpCase(db: ScratchDatabase): Promise<void> {
  await db.pool.query(SUMMARY_TABLES_SQL);
  const store = new EventStore(db.pool);
  const emmett = getPostgreSQLEventStore(db.url, { schema: { autoMigration: 'CreateOrUpdate' }, connectionOptions: { pool: db.pool } });
  try {
    await seedOurs(store);
    await seedEmmett(emmett);
  } finally {
    await emmett.close();
  }
  const head = await store.head();
  let ours = 0;
  let theirs = 0;
  const result = await compare(
    () => ourCatchUp(db, head, `bench-catch-up-${++ours}`),
    () => emmettCatchUp(db, `bench-catch-up-${++theirs}`),
    ROUNDS,
  );
  report({
    bench: 'peers',
    case: `catch-up of a per-stream summary SQL projection, ${EVENTS} events`,
    unit: 'events/s',
    baseline: 'Emmett 0.42 consumer with postgreSQLRawSQLProjection, same events, same database, same run',
    ...result,
    target_ratio: 3,
    details: {
      events: EVENTS,
      streams: STREAMS,
      batch_size: BATCH,
      ours: 'one upsert per batch, checkpoint once per batch',
      emmett: 'one upsert per event, checkpoint after each event, no pause between batches',
    },
  });
}

/** Round robin over the streams, a hundred streams per transaction, so streams interleave in the log as they do in ours. */
async function seedOurs(store: EventStore): Promise<void> {
  for (let version = 0; version < EVENTS_PER_STREAM; version++) {
    for (let first = 0; first < STREAMS; first += 100) {
      const streams = Array.from({ length: Math.min(100, STREAMS - first) }, (_, i) => first + i);
      await store.appendMany(streams.map((s) => ({ subject: `bench:catch-up-${s}`, events: [sampleEvent()], expected: 'any' as const })));
    }
  }
}

/**
 * The same interleaving, one event per append (Emmett appends to one stream at a time), one append at
 * a time: its consumer pages by position alone, so concurrent appends could make it skip events
 * (the ordering case) and this case would measure something else.
 */
async function seedEmmett(emmett: PostgresEventStore): Promise<void> {
  for (let version = 0; version < EVENTS_PER_STREAM; version++) {
    for (let s = 0; s < STREAMS; s++) await emmett.appendToStream(`bench-catch-up-${s}`, [emmettEvent(s)]);
  }
}

async function ourCatchUp(db: ScratchDatabase, head: number, name: string): Promise<number> {
  await db.pool.query(`TRUNCATE ${OURS}`);
  const consumer = new LogConsumer(db.pool, db.url, { name, batchSize: BATCH, asyncCommit: true, logger: quiet, handle: upsertSummaries });
  const started = performance.now();
  consumer.start();
  try {
    await whenCaughtUp(db.pool, name, head, { timeoutMs: 300_000 });
  } finally {
    await consumer.stop();
  }
  return rateSince(started, db, OURS);
}

async function upsertSummaries(events: RecordedEvent[], client: pg.PoolClient): Promise<void> {
  const rows = new Map<string, { stream_id: string; last_type: string; event_count: number; last_position: number }>();
  for (const { subject, type, global_position } of events) {
    const row = rows.get(subject);
    if (row) Object.assign(row, { last_type: type, event_count: row.event_count + 1, last_position: global_position });
    else rows.set(subject, { stream_id: subject, last_type: type, event_count: 1, last_position: global_position });
  }
  await client.query(UPSERT_BATCH_SQL, [JSON.stringify([...rows.values()])]);
}

async function emmettCatchUp(db: ScratchDatabase, processorId: string): Promise<number> {
  await db.pool.query(`TRUNCATE ${THEIRS}`);
  const emmett = getPostgreSQLEventStore(db.url, { connectionOptions: { pool: db.pool } });
  // Not stopWhen noMessagesLeft: a batch cut short by the transaction horizon (an open transaction
  // anywhere on the server) would stop it before the end of the log.
  const consumer = emmett.consumer<BenchEvent>({ pulling: { batchSize: BATCH, pullingFrequencyInMs: 0 } });
  consumer.projector<BenchEvent>({
    processorId,
    projection: postgreSQLRawSQLProjection<BenchEvent>({
      name: processorId,
      canHandle: ['BenchEvent'],
      // The statement runs on the projector's transaction with parameters, rather than as SQL text
      // returned for Emmett to run on it: the same statement and round trip, without quoting values.
      evolve: async (event, { connection }) => {
        // It is handed read events, with their metadata, though its type says plain events.
        const { metadata } = event as PostgresReadEvent<BenchEvent>;
        await connection.client.query(UPSERT_ONE_SQL, [metadata.streamName, event.type, String(metadata.globalPosition)]);
        return [];
      },
    }),
  });
  const started = performance.now();
  void consumer.start();
  try {
    // Its checkpoint is a position, which tells nothing of what it skipped: the table tells when all is in.
    for (const deadline = Date.now() + 300_000; (await counted(db, THEIRS)) < EVENTS; await sleep(POLL_MS)) {
      if (Date.now() > deadline) throw new Error(`Emmett's projection did not catch up with ${EVENTS} events`);
    }
  } finally {
    // close, not stop: the consumer's pool stays open until closed, and dropping the database would kill it.
    await consumer.close();
    await emmett.close();
  }
  return rateSince(started, db, THEIRS);
}

/** Events per second since `started`, once the summary is checked to count every event once (or the run measured something else). */
async function rateSince(started: number, db: ScratchDatabase, table: string): Promise<number> {
  const seconds = (performance.now() - started) / 1000;
  const events = await counted(db, table);
  if (events !== EVENTS) throw new Error(`${table} counts ${events} events, not ${EVENTS}`);
  return EVENTS / seconds;
}

async function counted(db: ScratchDatabase, table: string): Promise<number> {
  const { rows } = await db.pool.query<{ events: string }>(`SELECT coalesce(sum(event_count), 0) AS events FROM ${table}`);
  return Number(rows[0].events);
}
