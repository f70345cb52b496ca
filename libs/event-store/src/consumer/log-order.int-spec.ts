import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { AppendRetryRequired } from '../errors.js';
import { EventStore } from '../event-store.js';
import type { RecordedEvent } from '../recorded-event.js';
import { newEvent, newEvents } from '../testing/events.fixture.js';
import { whenCaughtUp } from './checkpoints.js';
import { LogConsumer, type ConsumerLogger } from './log-consumer.js';

const quiet: ConsumerLogger = { warn: () => undefined, error: () => undefined };

/** An open transaction that has taken its transaction id, to append and commit later. */
async function openTransaction(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('SELECT pg_current_xact_id()');
  return client;
}

async function commit(client: pg.PoolClient): Promise<void> {
  await client.query('COMMIT');
  client.release();
}

describe('log order under out-of-order commits', () => {
  let db: TestDatabase;
  let store: EventStore;
  let consumer: LogConsumer | null = null;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterAll(async () => {
    await consumer?.stop();
    await db.drop();
  });

  /** A consumer that records what it receives, batch by batch. */
  function tail(name: string, batchSize: number): RecordedEvent[] {
    const received: RecordedEvent[] = [];
    consumer = new LogConsumer(db.pool, db.url, {
      name,
      batchSize,
      idleWaitMs: 50,
      logger: quiet,
      handle: async (events) => void received.push(...events),
    });
    consumer.start();
    return received;
  }

  it('delivers an event whose transaction began first but committed last, before the later ones', async () => {
    const received = tail('out-of-order', 100);
    const earlier = await openTransaction(db.pool); // commits after B, but is read before A
    const a = await openTransaction(db.pool);
    const b = await store.append('listing:b', [newEvent()], 'no_stream');
    await store.append('listing:d', [newEvent()], 'no_stream', earlier);
    await commit(earlier);
    const [d] = await store.readStream('listing:d');

    // The consumer has read past D, which committed after B; B is not delivered while A is open.
    await whenCaughtUp(db.pool, 'out-of-order', d.global_position);
    expect(received.map((e) => e.subject)).toEqual(['listing:d']);
    expect((await store.readLog({})).events.map((e) => e.subject)).toEqual(['listing:d']);

    const aAppended = await store.append('listing:a', [newEvent()], 'no_stream', a);
    await commit(a);
    expect(aAppended.events[0].global_position).toBeGreaterThan(b.events[0].global_position);
    await whenCaughtUp(db.pool, 'out-of-order', b.events[0].global_position);
    expect(received.map((e) => e.subject)).toEqual(['listing:d', 'listing:a', 'listing:b']);
    expect((await store.readLog({ after: d.global_position })).events.map((e) => e.subject)).toEqual(['listing:a', 'listing:b']);
    await consumer?.stop();
  });

  it('gives a tailing consumer every event exactly once, in stream order, under 8 writers with random commit delays', async () => {
    const received = tail('eight-writers', 7);
    const subjects = ['listing:w0', 'listing:w1', 'listing:w2', 'listing:w3'];
    const appended: string[] = [];
    const jitter = () => sleep(Math.floor(Math.random() * 12));
    let retried = 0;
    const writer = async () => {
      for (let i = 0; i < 30; i++) {
        const events = newEvents(1 + (i % 3));
        for (;;) {
          // The id is taken early, the position at the append, the visibility at commit: all apart.
          const client = await openTransaction(db.pool);
          await jitter();
          try {
            await store.append(subjects[Math.floor(Math.random() * subjects.length)], events, 'any', client);
          } catch (error) {
            // A younger transaction appended to the stream meanwhile: start over with a new id.
            if (!(error instanceof AppendRetryRequired)) throw error;
            retried++;
            await client.query('ROLLBACK');
            client.release();
            continue;
          }
          await jitter();
          await commit(client);
          break;
        }
        appended.push(...events.map((e) => e.event_id));
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    const { rows } = await db.pool.query<{ global_position: number }>(
      `SELECT global_position FROM events WHERE subject LIKE 'listing:w%' ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    await whenCaughtUp(db.pool, 'eight-writers', rows[0].global_position, { timeoutMs: 20_000 });

    const written = received.filter((e) => subjects.includes(e.subject));
    expect(written.map((e) => e.event_id).sort()).toEqual([...appended].sort());
    for (const subject of subjects) {
      const versions = written.filter((e) => e.subject === subject).map((e) => e.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
    // The run did commit out of position order, which a reader paging by position alone would skip.
    const positions = written.map((e) => e.global_position);
    expect(positions.some((p, i) => i > 0 && p < positions[i - 1])).toBe(true);
    expect(retried).toBeGreaterThan(0);
  });
});
