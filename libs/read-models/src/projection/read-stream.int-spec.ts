import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NewEvent } from '@newsledger/domain';
import { EventStore, whenCaughtUp, type RecordedEvent } from '@newsledger/event-store';
import { createTestDatabase, eventually, type TestDatabase } from '@newsledger/testing';
import type pg from 'pg';
import { PROJECTIONS } from '../projections.js';
import { Projector } from '../projector.js';
import { generatedProposals } from '../testing/generated-ledger.js';
import { normalised } from '../testing/seed-events.js';
import { snapshotReadModels } from '../testing/snapshot.js';
import type { Projection } from './projection.js';
import { streamsOf } from './read-stream.js';
import { StreamCache } from './stream-cache.js';

const quiet = { warn: () => undefined, error: () => undefined };
const TABLES = PROJECTIONS.flatMap((projection) => projection.tables);

describe('streams of a batch, with what earlier batches saw', () => {
  let db: TestDatabase;
  let store: EventStore;
  let client: pg.PoolClient | null = null;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterEach(async () => {
    client?.release();
    client = null;
  });
  afterAll(async () => {
    await db.drop();
  });

  /**
   * Each of `events` appended on its own, as ingest would; the whole log as a consumer reads it, once
   * readable (another suite's open transaction on the server can hold reads back a while).
   */
  async function appendOneByOne(events: NewEvent[]): Promise<RecordedEvent[]> {
    let head = 0;
    for (const { subject, recorded_at: _recordedAt, ...event } of events) head = (await store.append(subject, [event], 'any')).events[0].global_position;
    return eventually(async () => {
      const log = (await store.readLog({ limit: 10_000 })).events;
      expect(log.at(-1)?.global_position).toBe(head);
      return log;
    }, { timeoutMs: 30_000 });
  }

  it('gives each stream from its first event up to the batch: from the cache when it holds the beginning, else from the table', async () => {
    const log = await appendOneByOne(generatedProposals(1, 0).map((proposal, i) => normalised(proposal, `event ${i}`)));
    // The longest stream of the seed's world, in the log's order.
    const streams = new Map<string, RecordedEvent[]>();
    for (const event of log) streams.set(event.subject, [...(streams.get(event.subject) ?? []), event]);
    const [subject, stream] = [...streams].sort(([, a], [, b]) => b.length - a.length)[0];
    expect(stream.length).toBeGreaterThanOrEqual(4);
    const ids = (events: readonly { event_id: string }[]) => events.map((e) => e.event_id);
    client = await db.pool.connect();
    const reads = jest.spyOn(client, 'query');
    const cache = new StreamCache();

    // A batch that starts inside the stream and ends before its last event: read, and cut at the batch.
    const first = await streamsOf(client, stream.slice(1, 3), [subject], cache);
    expect(ids(first.get(subject)!)).toEqual(ids(stream.slice(0, 3)));
    expect(reads).toHaveBeenCalledTimes(1);
    // The batches that follow it, and one of a consumer behind it, take the beginning from the cache.
    const next = await streamsOf(client, stream.slice(3), [subject], cache);
    expect(ids(next.get(subject)!)).toEqual(ids(stream));
    const behind = await streamsOf(client, stream.slice(1, 2), [subject], cache);
    expect(ids(behind.get(subject)!)).toEqual(ids(stream.slice(0, 2)));
    expect(reads).toHaveBeenCalledTimes(1);
    // A cache that does not hold the beginning is no help: the table is read again.
    await streamsOf(client, stream.slice(3), [subject], new StreamCache(1));
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('projects through the cache, across batches that failed and were retried, the rows one batch over the whole log gives', async () => {
    // Single-event appends: most streams run over several small batches.
    const log = await appendOneByOne(generatedProposals(3, 1).map((proposal, i) => normalised(proposal, `event ${i}`)));
    const head = log.at(-1)!.global_position;
    let batches = 0;
    // Every fifth batch of each projection fails after writing, so the cache holds what rolled back.
    const failing = PROJECTIONS.map((projection): Projection => ({
      ...projection,
      async handle(events, batchClient, streams) {
        await projection.handle(events, batchClient, streams);
        if (++batches % 5 === 0) throw new Error('projection failed after writing');
      },
    }));
    await project(failing, 4, head);
    const throughCache = await snapshotReadModels(db.pool);
    await db.pool.query(`TRUNCATE ${TABLES.join(', ')}`);
    await db.pool.query('DELETE FROM checkpoints');
    await project(PROJECTIONS, 10_000, head);
    expect(throughCache).toEqual(await snapshotReadModels(db.pool));
    expect(batches).toBeGreaterThan(PROJECTIONS.length * 10);
  });

  async function project(projections: readonly Projection[], batchSize: number, head: number): Promise<void> {
    const projector = new Projector(db.pool, db.url, { projections, batchSize, logger: quiet });
    projector.start();
    try {
      await Promise.all(projections.map(({ name }) => whenCaughtUp(db.pool, name, head, { timeoutMs: 60_000 })));
    } finally {
      await projector.stop();
    }
  }
});
