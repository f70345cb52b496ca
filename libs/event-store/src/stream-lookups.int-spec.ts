import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withTransaction } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import type pg from 'pg';
import { EventStore } from './event-store.js';
import { readStreams } from './log-reads.js';
import { newEvent } from './testing/events.fixture.js';

const STREAMS = 1_500;
// The scans this connection made of events and has not yet reported to the server's statistics
// (which may include an earlier transaction's): a read's own are the difference around it.
const SCANS_SQL = `SELECT seq_scan::int, idx_scan::int FROM pg_stat_xact_user_tables WHERE relname = 'events'`;

// A log that autovacuum never analyzed (this server may run without it): the planner has no
// statistics on events, and a read of a chunk's streams by subject must still use the indexes.
describe('reads of many streams on a log without statistics', () => {
  let db: TestDatabase;
  const subjects = Array.from({ length: STREAMS }, (_, i) => `listing:lookup-${i}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new EventStore(db.pool);
    for (let i = 0; i < STREAMS; i += 500) {
      await store.appendMany(subjects.slice(i, i + 500).map((subject) => ({ subject, expected: 'no_stream' as const, events: [newEvent(), newEvent()] })));
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  const scansOf = (read: (client: pg.PoolClient) => Promise<unknown>) =>
    withTransaction(db.pool, async (client) => {
      const count = async () => (await client.query<{ seq_scan: number; idx_scan: number }>(SCANS_SQL)).rows[0];
      const before = await count();
      await read(client);
      const after = await count();
      return { seq_scan: after.seq_scan - before.seq_scan, idx_scan: after.idx_scan - before.idx_scan };
    });

  it('would be a sequential scan as a plain query', async () => {
    const plain = await scansOf((client) => client.query('SELECT count(*) FROM events WHERE subject = ANY ($1)', [subjects.slice(0, 500)]));
    expect(plain.seq_scan).toBeGreaterThan(0);
  });

  it('reads 500 streams through the indexes, whole', async () => {
    let streams = new Map();
    const scans = await scansOf(async (client) => (streams = await readStreams(client, subjects.slice(0, 500))));
    expect(scans).toMatchObject({ seq_scan: 0 });
    expect(scans.idx_scan).toBeGreaterThan(0);
    expect([...streams.values()].map((stream) => stream.length)).toEqual(Array(500).fill(2));
  });
});
