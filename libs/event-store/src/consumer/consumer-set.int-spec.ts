import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { createPool, withTransaction } from '@newsledger/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@newsledger/testing';
import { EventStore } from '../event-store.js';
import type { RecordedEvent } from '../recorded-event.js';
import { newEvents } from '../testing/events.fixture.js';
import { readCheckpoint, resetCheckpoint, whenCaughtUp } from './checkpoints.js';
import { holdConsumer } from './consumer-turn.js';
import { ConsumerSet, type SetMember } from './consumer-set.js';

const quiet = { warn: () => undefined, error: () => undefined };

describe('ConsumerSet', () => {
  let db: TestDatabase;
  let store: EventStore;
  let set: ConsumerSet | null = null;
  let stream = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
    await db.pool.query('CREATE TABLE applied (n bigserial, consumer text NOT NULL, event_id uuid NOT NULL)');
    await db.pool.query('CREATE TABLE routed (event_id uuid PRIMARY KEY)');
  });
  beforeEach(async () => {
    await db.pool.query('TRUNCATE applied, routed, checkpoints');
  });
  afterEach(async () => {
    await set?.stop();
    set = null;
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A member whose effect is a row per event, written in the batch's transaction, after `before` (which may throw). */
  function member(name: string, before: (events: RecordedEvent[], client: pg.PoolClient) => Promise<void> | void = () => undefined): SetMember {
    return {
      name,
      async handle(events, client) {
        await before(events, client);
        await client.query('INSERT INTO applied (consumer, event_id) SELECT $1, unnest($2::uuid[])', [name, events.map((e) => e.event_id)]);
      },
    };
  }

  function startSet(members: SetMember[], pool: pg.Pool = db.pool): void {
    set = new ConsumerSet(pool, db.url, { members, batchSize: 10, idleWaitMs: 50, logger: quiet });
    set.start();
  }

  async function appendEvents(count: number): Promise<number> {
    let last = 0;
    for (let i = 0; i < count; i += 10) {
      last = (await store.append(`listing:s${stream++ % 4}`, newEvents(Math.min(10, count - i)), 'any')).events.at(-1)!.global_position;
    }
    return last;
  }

  /** Each member's applied events: every event of the log once, in log order. */
  async function expectAppliedOnce(...names: string[]): Promise<void> {
    const log = (await store.readLog({ limit: 10_000 })).events.map((e) => e.event_id);
    for (const name of names) {
      const { rows } = await db.pool.query<{ event_id: string }>('SELECT event_id FROM applied WHERE consumer = $1 ORDER BY n', [name]);
      expect(rows.map((r) => r.event_id)).toEqual(log);
    }
  }

  it('hands members at the same checkpoint the same read of each batch', async () => {
    const seen = new Map<string, RecordedEvent[][]>([['a', []], ['b', []]]);
    const last = await appendEvents(40);
    startSet([...seen.keys()].map((name) => member(name, (events) => void seen.get(name)!.push(events))));
    await Promise.all([whenCaughtUp(db.pool, 'a', last), whenCaughtUp(db.pool, 'b', last)]);
    await expectAppliedOnce('a', 'b');
    // From the second batch on (once the set knows where both stand), one read: the same event objects.
    const [a, b] = [seen.get('a')!, seen.get('b')!];
    expect(a.length).toBeGreaterThan(2);
    expect(a.slice(1).every((batch, i) => batch[0] === b[i + 1]?.[0])).toBe(true);
  });

  it('reads the page after a lone member’s full batch while the member handles that batch', async () => {
    const pool = createPool(db.url, { max: 3, applicationName: 'consumer-set-spec' });
    // Pages read through the pool: outside any member's transaction, ahead of the batch that takes them.
    let pagesRead = 0;
    const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
    pool.query = ((text: string, values?: unknown[]) => {
      if (typeof text === 'string' && text.includes('FROM events e')) pagesRead++;
      return query(text, values);
    }) as typeof pool.query;
    const readWhileHandling: number[] = [];
    try {
      const last = await appendEvents(30);
      startSet([member('alone', () => void readWhileHandling.push(pagesRead))], pool);
      await whenCaughtUp(db.pool, 'alone', last);
      await expectAppliedOnce('alone');
      // Full batches of ten (the log holds earlier tests' events too), each handled with the page after it already asked for.
      const batches = (await store.readLog({ limit: 10_000 })).events.length / 10;
      expect(readWhileHandling).toEqual(Array.from({ length: batches }, (_, i) => i + 1));
    } finally {
      await set?.stop();
      set = null;
      await pool.end();
    }
  });

  it('retries a failing member alone, rolled back each time, while the others go on', async () => {
    let failing = true;
    let failures = 0;
    const last = await appendEvents(30);
    startSet([
      member('steady'),
      member('poisoned', () => {
        if (failing) throw new Error(`projection bug ${++failures}`);
      }),
    ]);
    await whenCaughtUp(db.pool, 'steady', last);
    expect(failures).toBeGreaterThan(0);
    expect(await readCheckpoint(db.pool, 'poisoned')).toMatchObject({ global_position: 0 });
    const more = await appendEvents(10);
    await whenCaughtUp(db.pool, 'steady', more);
    failing = false;
    await whenCaughtUp(db.pool, 'poisoned', more);
    await expectAppliedOnce('steady', 'poisoned');
  });

  it('lets one member start over or be held without holding the others back', async () => {
    const last = await appendEvents(30);
    startSet([member('rebuilt'), member('held'), member('free')]);
    await Promise.all(['rebuilt', 'held', 'free'].map((name) => whenCaughtUp(db.pool, name, last)));
    await withTransaction(db.pool, async (client) => {
      await holdConsumer(client, 'held');
      await db.pool.query(`DELETE FROM applied WHERE consumer = 'rebuilt'`);
      await withTransaction(db.pool, (reset) => resetCheckpoint(reset, 'rebuilt'));
      const more = await appendEvents(20);
      await Promise.all([whenCaughtUp(db.pool, 'rebuilt', more), whenCaughtUp(db.pool, 'free', more)]);
      expect(await readCheckpoint(db.pool, 'held')).toMatchObject({ global_position: last });
    });
    await whenCaughtUp(db.pool, 'held', (await store.readLog({ limit: 10_000 })).events.at(-1)!.global_position);
    await expectAppliedOnce('rebuilt', 'held', 'free');
  });

  /** A member of `kind`'s events only: any batch it is given is recorded. */
  function memberOf(kind: string, given: RecordedEvent[][]): SetMember {
    return { ...member(kind, (events) => void given.push(events)), handles: (event) => event.subject.startsWith(`${kind}:`) };
  }

  it('gives a member no batch without events it handles, yet moves its checkpoint to the head', async () => {
    const givenRules: RecordedEvent[][] = [];
    startSet([memberOf('listing', []), memberOf('rule', givenRules)]);
    // Until a batch of its own has committed, the set does not know where a member stands: it gets the batch.
    await whenCaughtUp(db.pool, 'rule', await appendEvents(10));
    givenRules.length = 0;
    await db.pool.query(`DELETE FROM applied WHERE consumer = 'rule'`);
    const last = await appendEvents(30);
    await Promise.all([whenCaughtUp(db.pool, 'listing', last), whenCaughtUp(db.pool, 'rule', last)]);
    await expectAppliedOnce('listing');
    expect(givenRules).toEqual([]);
    expect((await db.pool.query(`SELECT 1 FROM applied WHERE consumer = 'rule'`)).rowCount).toBe(0);
  });

  it('leaves the checkpoint of a member without events it handles where it is while its turn is held elsewhere', async () => {
    startSet([memberOf('listing', []), memberOf('rule', [])]);
    const first = await appendEvents(10);
    await whenCaughtUp(db.pool, 'rule', first);
    await withTransaction(db.pool, async (client) => {
      await holdConsumer(client, 'rule');
      const more = await appendEvents(10);
      await whenCaughtUp(db.pool, 'listing', more);
      expect(await readCheckpoint(db.pool, 'rule')).toMatchObject({ global_position: first });
    });
    await whenCaughtUp(db.pool, 'rule', (await store.readLog({ limit: 10_000 })).events.at(-1)!.global_position);
  });

  it('runs as many members at once as its pool has connections but one, so a batch never waits for a connection', async () => {
    const pool = createPool(db.url, { max: 3, applicationName: 'consumer-set-spec' });
    let inFlight = 0;
    let most = 0;
    const names = ['m1', 'm2', 'm3', 'm4'];
    try {
      const last = await appendEvents(30);
      startSet(
        names.map((name) =>
          member(name, async (_events, client) => {
            most = Math.max(most, ++inFlight);
            // Long enough for every batch of a round to overlap when nothing holds them apart.
            await client.query('SELECT pg_sleep(0.05)');
            inFlight--;
          }),
        ),
        pool,
      );
      await Promise.all(names.map((name) => whenCaughtUp(db.pool, name, last)));
      await expectAppliedOnce(...names);
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      await set?.stop();
      set = null;
      await pool.end();
    }
  });

  it('commits a handler’s writes before its follow-up runs, and moves the checkpoint only after the follow-up succeeded', async () => {
    const last = await appendEvents(20);
    let queueDown = true;
    const followed: string[] = [];
    const committedBeforeFollowUp: boolean[] = [];
    startSet([
      {
        name: 'router',
        async handle(events, client) {
          const ids = events.map((e) => e.event_id);
          await client.query('INSERT INTO routed (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING', [ids]);
          return async () => {
            // Seen from another connection: what the queue's workers would read.
            const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM routed WHERE event_id = ANY ($1::uuid[])', [ids]);
            committedBeforeFollowUp.push(rows[0].n === ids.length);
            if (queueDown) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
            followed.push(...ids);
          };
        },
      },
    ]);
    await eventually(async () => expect(committedBeforeFollowUp.length).toBeGreaterThan(2));
    // The writes are committed, the follow-up failed: the checkpoint has not moved past anything.
    expect((await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM routed')).rows[0].n).toBe(10);
    expect(await readCheckpoint(db.pool, 'router')).toMatchObject({ global_position: 0 });
    queueDown = false;
    await whenCaughtUp(db.pool, 'router', last);
    expect(followed).toEqual((await store.readLog({ limit: 10_000 })).events.map((e) => e.event_id));
    expect(committedBeforeFollowUp.every(Boolean)).toBe(true);
  });
});
