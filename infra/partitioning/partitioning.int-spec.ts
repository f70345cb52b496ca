import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventIdConflict, EventStore, WrongExpectedVersion } from '@newsledger/event-store';
import { PROJECT_ROOT } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { newEvent, newEvents, untilReadable } from '../../libs/event-store/src/testing/events.fixture.js';

// The partitioning path of docs/postgres-at-scale.md, tried on a copy: a test database with a log,
// converted by the script, then used through the event store as the service uses it.
const SCRIPT = readFileSync(path.join(PROJECT_ROOT, 'infra/partitioning/events-by-position.sql'), 'utf8');

describe('events range-partitioned by global_position (infra/partitioning)', () => {
  let db: TestDatabase;
  let store: EventStore;
  let before: { subject: string; positions: number[] };

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
    const appended = await store.append('listing:before-partitioning', newEvents(5), 'no_stream');
    before = { subject: appended.subject, positions: appended.events.map((e) => e.global_position) };
    const client = await db.pool.connect();
    try {
      await client.query(SCRIPT);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('makes events a partitioned table and keeps every event with its position', async () => {
    const { rows } = await db.pool.query<{ kind: string }>(`SELECT relkind AS kind FROM pg_class WHERE relname = 'events'`);
    expect(rows).toEqual([{ kind: 'p' }]);
    const kept = await store.readStream(before.subject);
    expect(kept.map((e) => e.global_position)).toEqual(before.positions);
  });

  it('appends after the old head, into a partition, and reads the log in order', async () => {
    const result = await store.append('listing:after-partitioning', newEvents(3), 'no_stream');
    const positions = result.events.map((e) => e.global_position);
    expect(positions[0]).toBeGreaterThan(before.positions.at(-1)!);
    const { rows } = await db.pool.query<{ partition: string }>(
      'SELECT DISTINCT tableoid::regclass::text AS partition FROM events WHERE global_position = ANY ($1)',
      [positions],
    );
    expect(rows).toEqual([{ partition: 'events_p0000' }]);
    await untilReadable(store, positions.at(-1)!);
    const log = await store.readLog({ after: 0, limit: 100 });
    expect(log.events.map((e) => e.global_position)).toEqual([...before.positions, ...positions]);
  });

  it('still answers a retried append with the stored events, and refuses an id reused with other content', async () => {
    const event = newEvent();
    const first = await store.append('listing:idempotent', [event], 'no_stream');
    const retry = await store.append('listing:idempotent', [event], 'no_stream');
    expect(retry.events).toEqual([{ ...first.events[0], duplicate: true }]);
    await expect(store.append('listing:idempotent', [{ ...event, data: { other: true } }], 'any')).rejects.toThrow(EventIdConflict);
  });

  it('still checks expected versions, keeps subject+version unique log-wide, and stays append-only', async () => {
    await expect(store.append(before.subject, [newEvent()], 2)).rejects.toThrow(WrongExpectedVersion);
    await expect(
      db.pool.query(`INSERT INTO event_keys (event_id, subject, version) VALUES (gen_random_uuid(), $1, 1)`, [before.subject]),
    ).rejects.toMatchObject({ constraint: 'events_subject_version_key' });
    await expect(db.pool.query('UPDATE events SET type = type')).rejects.toMatchObject({ code: 'ES003' });
    await expect(db.pool.query('DELETE FROM events')).rejects.toMatchObject({ code: 'ES003' });
  });
});
