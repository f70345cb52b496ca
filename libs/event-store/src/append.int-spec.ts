import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withTransaction } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { AppendRetryRequired, EventIdConflict, WrongExpectedVersion } from './errors.js';
import { EventStore } from './event-store.js';
import { newEvent, newEvents } from './testing/events.fixture.js';

describe('EventStore appends', () => {
  let db: TestDatabase;
  let store: EventStore;
  let n = 0;
  const subject = () => `listing:append-${++n}`;
  const versionsOf = async (s: string) =>
    (await db.pool.query<{ version: number }>('SELECT version FROM events WHERE subject = $1 ORDER BY version', [s])).rows.map(
      (r) => r.version,
    );
  const eventCount = async () => (await db.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM events')).rows[0].count;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('numbers a stream from version 1 and answers positions in call order', async () => {
    const s = subject();
    const events = newEvents(3);
    const result = await store.append(s, events, 'no_stream');
    expect(result).toMatchObject({ subject: s, version: 3 });
    expect(result.events.map((e) => [e.event_id, e.version, e.duplicate])).toEqual(events.map((e, i) => [e.event_id, i + 1, false]));
    expect(result.events[2].global_position).toBeGreaterThan(result.events[0].global_position);
    expect(await store.streamVersion(s)).toBe(3);
    const [stored] = await store.readStream(s);
    expect(stored).toMatchObject({ ...events[0], metadata: {}, subject: s, version: 1, recorded_at: result.events[0].recorded_at });
  });

  it('refuses a stale expected version, says the current one, and writes nothing', async () => {
    const s = subject();
    await store.append(s, [newEvent()], 'no_stream');
    const before = await eventCount();
    const stale = store.append(s, [newEvent()], 0);
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersion);
    await expect(stale).rejects.toMatchObject({ subject: s, expected: 0, current: 1, code: 'event_store.wrong_expected_version' });
    await expect(store.append(s, [newEvent()], 2)).rejects.toMatchObject({ current: 1 });
    expect(await eventCount()).toBe(before);
    await expect(store.append(s, [newEvent()], 1)).resolves.toMatchObject({ version: 2 });
  });

  it("takes 'no_stream' only for an empty stream, 'exists' only for a stream with events, 'any' for both", async () => {
    const s = subject();
    await expect(store.append(s, [newEvent()], 'exists')).rejects.toMatchObject({ expected: 'exists', current: 0 });
    await expect(store.append(s, [newEvent()], 'no_stream')).resolves.toMatchObject({ version: 1 });
    await expect(store.append(s, [newEvent()], 'no_stream')).rejects.toMatchObject({ expected: 'no_stream', current: 1 });
    await expect(store.append(s, [newEvent()], 'exists')).resolves.toMatchObject({ version: 2 });
    await expect(store.append(s, [newEvent()], 'any')).resolves.toMatchObject({ version: 3 });
    await expect(store.append(subject(), [newEvent()], 'any')).resolves.toMatchObject({ version: 1 });
    expect(await versionsOf(s)).toEqual([1, 2, 3]);
  });

  it('answers a re-append of stored events with their original figures, whatever the expectation and metadata', async () => {
    const s = subject();
    const events = newEvents(2);
    const first = await store.append(s, events, 'no_stream');
    await store.append(s, [newEvent()], 2);
    const before = await eventCount();
    const again = await store.append(
      s,
      events.map((e) => ({ ...e, metadata: { request_id: 'retry' } })),
      'no_stream',
    );
    expect(again).toEqual({ ...first, events: first.events.map((e) => ({ ...e, duplicate: true })) });
    expect(await eventCount()).toBe(before);
    expect(await store.streamVersion(s)).toBe(3);
  });

  it('appends the new events of a call whose other events are already stored', async () => {
    const s = subject();
    const [stored, fresh] = newEvents(2);
    await store.append(s, [stored], 'no_stream');
    const result = await store.append(s, [stored, fresh], 1);
    expect(result.events.map((e) => [e.version, e.duplicate])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(await versionsOf(s)).toEqual([1, 2]);
  });

  it('refuses an id stored with other content, in its stream or another, and writes nothing', async () => {
    const s = subject();
    const event = newEvent();
    await store.append(s, [event], 'no_stream');
    const before = await eventCount();
    const changed = store.append(s, [newEvent(), { ...event, data: { offer_price: null } }], 'any');
    await expect(changed).rejects.toBeInstanceOf(EventIdConflict);
    await expect(changed).rejects.toMatchObject({ event_id: event.event_id, code: 'event_store.event_id_conflict' });
    await expect(store.append(subject(), [event], 'any')).rejects.toMatchObject({ event_id: event.event_id });
    const repeated = newEvent();
    await expect(store.append(subject(), [repeated, repeated], 'any')).rejects.toMatchObject({ event_id: repeated.event_id });
    expect(await eventCount()).toBe(before);
  });

  it('lets exactly one of 20 concurrent appends with the same expectation win, leaving no holes', async () => {
    const s = subject();
    await store.append(s, [newEvent()], 'no_stream');
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(s, newEvents(2), 1)));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const reason of lost) expect(reason).toMatchObject({ constructor: WrongExpectedVersion, current: 3 });
    await store.append(s, [newEvent()], 3);
    expect(await versionsOf(s)).toEqual([1, 2, 3, 4]);
  });

  it('makes a transaction that took its id before the last appender of the stream start over', async () => {
    const s = subject();
    await store.append(s, [newEvent()], 'no_stream');
    const older = await db.pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      await store.append(s, [newEvent()], 1);
      await expect(store.append(s, [newEvent()], 'any', older)).rejects.toMatchObject({ constructor: AppendRetryRequired, subject: s });
    } finally {
      await older.query('ROLLBACK');
      older.release();
    }
    expect(await versionsOf(s)).toEqual([1, 2]);
  });

  it('appends to several streams in one transaction, all or nothing', async () => {
    const [a, b] = [subject(), subject()];
    await store.append(b, [newEvent()], 'no_stream');
    const before = await eventCount();
    await expect(
      store.appendMany([
        { subject: a, events: [newEvent()], expected: 'no_stream' },
        { subject: b, events: [newEvent()], expected: 'no_stream' },
      ]),
    ).rejects.toMatchObject({ subject: b, current: 1 });
    expect(await eventCount()).toBe(before);
    const results = await store.appendMany([
      { subject: b, events: [newEvent()], expected: 1 },
      { subject: a, events: newEvents(2), expected: 'no_stream' },
    ]);
    expect(results.map((r) => [r.subject, r.version])).toEqual([
      [b, 2],
      [a, 2],
    ]);
  });

  it("joins the caller's transaction when given its client", async () => {
    const s = subject();
    const rolledBack = withTransaction(db.pool, async (client) => {
      await store.append(s, [newEvent()], 'no_stream', client);
      throw new Error('abandon');
    });
    await expect(rolledBack).rejects.toThrow('abandon');
    expect(await store.streamVersion(s)).toBe(0);
    await withTransaction(db.pool, (client) => store.append(s, [newEvent()], 'no_stream', client));
    expect(await versionsOf(s)).toEqual([1]);
  });

  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE fail', async () => {
    await store.append(subject(), [newEvent()], 'no_stream');
    const before = await eventCount();
    for (const statement of ["UPDATE events SET type = 'tampered'", 'DELETE FROM events', 'TRUNCATE events']) {
      await expect(db.pool.query(statement)).rejects.toMatchObject({ code: 'ES003' });
    }
    expect(await eventCount()).toBe(before);
  });
});
