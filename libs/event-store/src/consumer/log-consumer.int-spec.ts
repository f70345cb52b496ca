import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { register } from 'prom-client';
import { withTransaction } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { EventStore } from '../event-store.js';
import type { RecordedEvent } from '../recorded-event.js';
import { newEvent, newEvents } from '../testing/events.fixture.js';
import { readCheckpoint, resetCheckpoint, whenCaughtUp } from './checkpoints.js';
import { holdConsumer } from './consumer-turn.js';
import { haltedConsumers } from './consumer-halts.js';
import { consumerLag } from './consumer-lag.js';
import { LogConsumer, type ConsumerOptions } from './log-consumer.js';

const quiet = { warn: () => undefined, error: () => undefined };

/** A promise the test opens when it chooses (and afterEach opens anyway, so no consumer stays stuck). */
const gates: (() => void)[] = [];
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  gates.push(open);
  return { opened, open };
}

describe('LogConsumer', () => {
  let db: TestDatabase;
  let store: EventStore;
  const running: LogConsumer[] = [];
  let stream = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
    await db.pool.query('CREATE TABLE applied (consumer text NOT NULL, event_id uuid NOT NULL)');
  });
  afterEach(async () => {
    for (const open of gates.splice(0)) open();
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
  });
  afterAll(async () => {
    await db.drop();
  });

  function consumer(name: string, options: Partial<ConsumerOptions> = {}): LogConsumer {
    const started = new LogConsumer(db.pool, db.url, { name, idleWaitMs: 50, logger: quiet, handle: apply(name), ...options });
    started.start();
    running.push(started);
    return started;
  }

  /** A handler whose effect is a row per event, written in the batch's transaction. */
  const apply = (name: string) => async (events: RecordedEvent[], client: pg.PoolClient) => {
    await client.query('INSERT INTO applied (consumer, event_id) SELECT $1, unnest($2::uuid[])', [name, events.map((e) => e.event_id)]);
  };

  const appliedBy = async (name: string) =>
    (await db.pool.query<{ event_id: string }>('SELECT event_id FROM applied WHERE consumer = $1', [name])).rows.map((r) => r.event_id);

  /** Appends `count` events over a few streams; returns their ids and the last position. */
  async function appendEvents(count: number): Promise<{ ids: string[]; last: number }> {
    const ids: string[] = [];
    let last = 0;
    for (let i = 0; i < count; i += 10) {
      const events = newEvents(Math.min(10, count - i));
      last = (await store.append(`listing:c${stream++ % 4}`, events, 'any')).events.at(-1)!.global_position;
      ids.push(...events.map((e) => e.event_id));
    }
    return { ids, last };
  }

  const allIds = async () => (await db.pool.query<{ event_id: string }>('SELECT event_id FROM events')).rows.map((r) => r.event_id).sort();

  it('applies every event once and rolls a failed batch back, retrying it rather than skipping it', async () => {
    const { last } = await appendEvents(45);
    let failures = 0;
    const handle = apply('flaky');
    consumer('flaky', {
      batchSize: 10,
      async handle(events, client) {
        await handle(events, client);
        if (events.some((e) => e.global_position === last - 20) && failures++ < 2) throw new Error('projection bug');
      },
    });
    await whenCaughtUp(db.pool, 'flaky', last);
    expect(failures).toBe(3);
    expect((await appliedBy('flaky')).sort()).toEqual(await allIds());
  });

  it('retries an outage for as long as it lasts, and halts on an event that keeps failing otherwise', async () => {
    const { last } = await appendEvents(12);
    const poison = last - 4;
    let outages = 0;
    const handle = apply('outage');
    const outage = consumer('outage', {
      batchSize: 5,
      haltAfterFailures: 2,
      async handle(events, client) {
        // More failures in a row than would halt it, were they not an outage.
        if (outages++ < 4) throw Object.assign(new Error('the database system is shutting down'), { code: '57P01' });
        await handle(events, client);
      },
    });
    await whenCaughtUp(db.pool, 'outage', last, { timeoutMs: 20_000 });
    expect(outage.halted).toBeNull();

    const halting = consumer('halting', {
      batchSize: 5,
      haltAfterFailures: 2,
      async handle(events, client) {
        if (events.some((e) => e.global_position === poison)) throw new TypeError('cannot read the venue');
        await apply('halting')(events, client);
      },
    });
    await whenCaughtUp(db.pool, 'halting', poison - 1, { timeoutMs: 20_000 });
    await waitFor(() => halting.halted !== null, 20_000);
    expect(halting.halted).toBe(`the event at position ${poison} cannot be processed: TypeError: cannot read the venue`);
    expect(await haltedConsumers(db.pool)).toContainEqual(
      expect.objectContaining({ name: 'halting', global_position: poison - 1, error: halting.halted }),
    );
    expect(await readCheckpoint(db.pool, 'halting')).toMatchObject({ global_position: poison - 1 });
  });

  it('resumes from its checkpoint after its connection is terminated mid-batch, applying nothing twice', async () => {
    const { last } = await appendEvents(30);
    let terminated = false;
    const handle = apply('terminated');
    consumer('terminated', {
      batchSize: 10,
      async handle(events, client) {
        await handle(events, client);
        if (!terminated && events.some((e) => e.global_position > last - 15)) {
          terminated = true;
          const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
          await client.query('SELECT 1'); // the batch's connection is gone
        }
      },
    });
    await whenCaughtUp(db.pool, 'terminated', last);
    expect(terminated).toBe(true);
    expect((await appliedBy('terminated')).sort()).toEqual(await allIds());
  });

  it('never runs two batches of one name at once, across instances', async () => {
    let active = 0;
    let mostActive = 0;
    const handle = apply('shared');
    const counted: ConsumerOptions['handle'] = async (events, client) => {
      mostActive = Math.max(mostActive, ++active);
      await sleep(2); // widens the window in which an overlap would show
      await handle(events, client);
      active--;
    };
    consumer('shared', { batchSize: 5, idleWaitMs: 10, handle: counted });
    consumer('shared', { batchSize: 5, idleWaitMs: 10, handle: counted });
    const { last } = await appendEvents(120);
    await whenCaughtUp(db.pool, 'shared', last);
    expect(mostActive).toBe(1);
    expect((await appliedBy('shared')).sort()).toEqual(await allIds());
  });

  it('lets a standby take over within a few seconds of the active instance dying mid-batch', async () => {
    const stuck = gate();
    let activePid = 0;
    const handle = apply('takeover');
    consumer('takeover', {
      async handle(events, client) {
        activePid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await stuck.opened;
        await handle(events, client);
      },
    });
    const { last } = await appendEvents(20);
    await waitFor(() => activePid !== 0);
    consumer('takeover', { idleWaitMs: 200 });
    await db.pool.query('SELECT pg_terminate_backend($1)', [activePid]);
    await whenCaughtUp(db.pool, 'takeover', last, { timeoutMs: 3_000 });
    stuck.open();
    expect((await appliedBy('takeover')).sort()).toEqual(await allIds());
  });

  it('stands by while another transaction holds its name', async () => {
    consumer('paused', { idleWaitMs: 20 });
    const last = await withTransaction(db.pool, async (client) => {
      await holdConsumer(client, 'paused');
      const appended = await appendEvents(2);
      await expect(whenCaughtUp(db.pool, 'paused', appended.last, { timeoutMs: 200 })).rejects.toThrow();
      return appended.last;
    });
    await whenCaughtUp(db.pool, 'paused', last);
  });

  it('wakes on a notification instead of waiting for its next poll, also after its listener reconnects', async () => {
    const { last } = await appendEvents(1);
    consumer('notified', { idleWaitMs: 60_000 });
    await whenCaughtUp(db.pool, 'notified', last);
    const appended = await store.append('listing:notified', [newEvent()], 'any');
    await whenCaughtUp(db.pool, 'notified', appended.events[0].global_position, { timeoutMs: 5_000 });

    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'newsledger-listen-%'`,
    );
    const inTransaction = await withTransaction(db.pool, (client) => store.append('listing:notified', [newEvent()], 'any', client));
    await whenCaughtUp(db.pool, 'notified', inTransaction.events[0].global_position, { timeoutMs: 5_000 });
  });

  it('delivers events an unrelated older transaction held back as soon as it ends, unannounced', async () => {
    const { last } = await appendEvents(1);
    consumer('held', { idleWaitMs: 60_000 });
    await whenCaughtUp(db.pool, 'held', last);
    const unrelated = await db.pool.connect();
    await unrelated.query('BEGIN');
    await unrelated.query('SELECT pg_current_xact_id()');
    const appended = await store.append('listing:held', [newEvent()], 'any');
    await expect(whenCaughtUp(db.pool, 'held', appended.events[0].global_position, { timeoutMs: 200 })).rejects.toThrow();
    await unrelated.query('COMMIT');
    unrelated.release();
    await whenCaughtUp(db.pool, 'held', appended.events[0].global_position, { timeoutMs: 5_000 });
  });

  it('starts over after a reset, and a batch that began before the reset cannot move the checkpoint', async () => {
    const { last } = await appendEvents(20);
    const seen: number[][] = [];
    const held = gate();
    consumer('rebuilt', {
      batchSize: 1_000,
      async handle(events) {
        seen.push(events.map((e) => e.global_position));
        if (events.some((e) => e.global_position > last)) await held.opened;
      },
    });
    await whenCaughtUp(db.pool, 'rebuilt', last);
    // Appended after `last` committed, so drawn after it: this batch waits at the gate.
    const more = await appendEvents(5);
    await waitFor(() => seen.some((batch) => batch.some((p) => p > last)));
    const inFlight = seen.length - 1;
    await withTransaction(db.pool, (client) => resetCheckpoint(client, 'rebuilt'));
    held.open();
    await whenCaughtUp(db.pool, 'rebuilt', more.last);
    const everything = (await store.readLog({ limit: 10_000 })).events.map((e) => e.global_position);
    expect(seen.slice(inFlight + 1).flat()).toEqual(everything);
    expect(await readCheckpoint(db.pool, 'rebuilt')).toMatchObject({ global_position: more.last });
  });

  it('reports its lag in events and seconds on /metrics', async () => {
    const held = gate();
    const { last } = await appendEvents(3);
    consumer('lagging', { handle: () => held.opened });
    const total = (await allIds()).length;
    expect(await consumerLag(db.pool, 'lagging')).toMatchObject({ lag_events: total, lag_seconds: expect.any(Number) });
    const scraped = await register.metrics();
    expect(scraped).toContain(`event_store_consumer_lag_events{consumer="lagging"} ${total}`);
    expect(scraped).toMatch(/event_store_consumer_lag_seconds\{consumer="lagging"\} \d/);
    held.open();
    await whenCaughtUp(db.pool, 'lagging', last);
    expect(await consumerLag(db.pool, 'lagging')).toEqual({ lag_events: 0, lag_seconds: 0 });
  });

  it('rejects whenCaughtUp after its timeout when the consumer does not get there', async () => {
    const { last } = await appendEvents(1);
    await expect(whenCaughtUp(db.pool, 'never-started', last, { timeoutMs: 100 })).rejects.toThrow(/never-started did not reach/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
