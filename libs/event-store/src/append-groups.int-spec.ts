import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withTransaction } from '@newsledger/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@newsledger/testing';
import { EventIdConflict, WrongExpectedVersion } from './errors.js';
import { EventStore } from './event-store.js';
import { newEvent, newEvents } from './testing/events.fixture.js';

// Appends without a caller's client, made while others are on their way, share one statement: one
// transaction, which the stored events' transaction ids show.
describe('EventStore appends in groups', () => {
  let db: TestDatabase;
  let store: EventStore;
  let n = 0;
  const subject = (prefix = 'listing') => `${prefix}:group-${++n}`;
  const transactionsOf = async (...subjects: string[]) =>
    new Set(
      (await db.pool.query<{ transaction_id: string }>('SELECT transaction_id::text FROM events WHERE subject = ANY ($1)', [subjects])).rows.map(
        (r) => r.transaction_id,
      ),
    ).size;
  const versionsOf = async (s: string) => (await store.readStream(s)).map((e) => e.version);

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('appends concurrent calls to distinct streams in one transaction, each answered as if alone', async () => {
    const subjects = Array.from({ length: 5 }, () => subject());
    const events = subjects.map(() => newEvents(2));
    const results = await Promise.all(subjects.map((s, i) => store.append(s, events[i], 'no_stream')));
    results.forEach((result, i) => {
      expect(result).toMatchObject({ subject: subjects[i], version: 2 });
      expect(result.events.map((e) => [e.event_id, e.version, e.duplicate])).toEqual(events[i].map((e, v) => [e.event_id, v + 1, false]));
    });
    expect(await transactionsOf(...subjects)).toBe(1);
  });

  it('fails a stale expectation for its own caller only, writing nothing of it', async () => {
    const [a, stale, b] = [subject(), subject(), subject()];
    await store.append(stale, [newEvent()], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append(a, [newEvent()], 'no_stream'),
      store.append(stale, [newEvent()], 0),
      store.append(b, [newEvent()], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { constructor: WrongExpectedVersion, subject: stale, expected: 0, current: 1 } });
    expect(await versionsOf(stale)).toEqual([1]);
    expect(await transactionsOf(a, b)).toBe(1);
  });

  it('answers a retried append with the stored events, and refuses an id reused with other content or a stale partial retry, beside fresh appends', async () => {
    const [retried, reused, fresh] = [subject(), subject(), subject()];
    const stored = newEvents(2);
    const first = await store.append(retried, stored, 'no_stream');
    const taken = newEvent();
    await store.append(reused, [taken], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append(retried, stored, 'no_stream'),
      store.append(reused, [newEvent(), { ...taken, data: { offer_price: null } }], 'any'),
      store.append(fresh, [newEvent()], 'no_stream'),
      // Not a retry: one of its events is new, so its expectation counts.
      store.append(retried, [stored[0], newEvent()], 0),
    ]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { ...first, events: first.events.map((e) => ({ ...e, duplicate: true })) } });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { constructor: EventIdConflict, event_id: taken.event_id } });
    expect(outcomes[2]).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(outcomes[3]).toMatchObject({ status: 'rejected', reason: { constructor: WrongExpectedVersion, current: 2 } });
    expect(await versionsOf(retried)).toEqual([1, 2]);
    expect(await versionsOf(reused)).toEqual([1]);
  });

  it('appends two calls to one stream in their order of arrival, whatever the order of the subjects', async () => {
    const [z, a] = [subject('zone'), subject('alpha')];
    const [first, second] = [newEvent(), newEvent()];
    const results = await Promise.all([
      store.append(z, [first], 'no_stream'),
      store.append(a, [newEvent()], 'no_stream'),
      store.append(z, [second], 1),
    ]);
    expect(results.map((r) => [r.subject, r.version])).toEqual([
      [z, 1],
      [a, 1],
      [z, 2],
    ]);
    expect((await store.readStream(z)).map((e) => e.event_id)).toEqual([first.event_id, second.event_id]);
    expect(await transactionsOf(z, a)).toBe(1);
  });

  it('sends the appends of a group that failed as a whole again one by one, so only the faulty one fails', async () => {
    const [a, faulty, b] = [subject(), subject(), subject()];
    const repeated = newEvent();
    const outcomes = await Promise.allSettled([
      store.append(a, [newEvent()], 'no_stream'),
      // The same id twice in one call: a unique violation, which fails the whole statement.
      store.append(faulty, [repeated, repeated], 'no_stream'),
      store.append(b, [newEvent()], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { constructor: EventIdConflict, event_id: repeated.event_id } });
    expect(await versionsOf(faulty)).toEqual([]);
    expect(await transactionsOf(a, b)).toBe(2);
  });

  it('sends an append refused for a younger appender again, without failing its neighbour', async () => {
    const [a, b] = [subject('a'), subject('b')];
    await store.append(a, [newEvent()], 'no_stream');
    await store.append(b, [newEvent()], 'no_stream');
    const holder = await db.pool.connect();
    try {
      // The group takes its transaction id, then waits for a's lock; meanwhile a younger transaction appends to b.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM streams WHERE subject = $1 FOR UPDATE', [a]);
      const group = Promise.all([store.append(a, [newEvent()], 1), store.append(b, [newEvent()], 'any')]);
      await eventually(async () => {
        const { rows } = await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%event_store_append_group%'`);
        if (rows.length === 0) throw new Error('the group is not waiting for the lock yet');
      });
      await withTransaction(db.pool, (client) => store.append(b, [newEvent()], 1, client));
      await holder.query('ROLLBACK');
      const results = await group;
      expect(results.map((r) => [r.subject, r.version])).toEqual([
        [a, 2],
        [b, 3],
      ]);
    } finally {
      holder.release();
    }
    expect(await versionsOf(b)).toEqual([1, 2, 3]);
  });
});
