import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { NewEvent } from '@newsledger/domain';
import { EventStore, readCheckpoint, whenCaughtUp } from '@newsledger/event-store';
import { createPool } from '@newsledger/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@newsledger/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Projection } from './projection/projection.js';
import { PROJECTIONS } from './projections.js';
import { Projector } from './projector.js';
import { requestRebuild } from './rebuild/rebuild-requests.js';
import { generatedProposals } from './testing/generated-ledger.js';
import { normalised } from './testing/seed-events.js';

const quiet = { warn: () => undefined, error: () => undefined };
const TABLES = PROJECTIONS.flatMap((projection) => projection.tables);

/** Runs `around` about each batch of each projection, which also records the events it applied, in its transaction. */
function audited(around: (projection: Projection, client: pg.PoolClient, apply: () => Promise<void>) => Promise<void>): Projection[] {
  return PROJECTIONS.map((projection) => ({
    ...projection,
    handle: (events, client) =>
      around(projection, client, async () => {
        // current_schema(): public for the live tables, rebuild_<name> for a rebuild's.
        await client.query('INSERT INTO applied (projection, target, event_id) SELECT $1, current_schema(), unnest($2::uuid[])', [
          projection.name,
          events.map((e) => e.event_id),
        ]);
        await projection.handle(events, client);
      }),
  }));
}

describe('projector', () => {
  let db: TestDatabase;
  let store: EventStore;
  let copies = 0;
  const running: { projector: Projector; pool: pg.Pool }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterEach(async () => {
    for (const { projector, pool } of running.splice(0)) {
      await projector.stop();
      await pool.end();
    }
    await db.pool.query('DROP TABLE IF EXISTS applied');
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** A projector with a pool of its own, as a process of its own would have. */
  function startProjector(name: string, projections: Projection[]): Projector {
    const pool = createPool(db.url, { applicationName: name });
    const projector = new Projector(pool, db.url, { projections, batchSize: 20, logger: quiet, rebuildPollMs: 100 });
    projector.start();
    running.push({ projector, pool });
    return projector;
  }

  /** Appends `count` more copies of the generated world, a few streams per transaction; returns the last position. */
  async function appendCopies(count: number): Promise<number> {
    const events = generatedProposals(count, copies).map((proposal, i) => normalised(proposal, `generated event ${i}`));
    copies += count;
    let last = 0;
    for (let i = 0; i < events.length; i += 40) {
      const bySubject = new Map<string, NewEvent[]>();
      for (const event of events.slice(i, i + 40)) bySubject.set(event.subject, [...(bySubject.get(event.subject) ?? []), event]);
      const results = await store.appendMany([...bySubject].map(([subject, group]) => ({ subject, expected: 'any' as const, events: group })));
      last = Math.max(last, ...results.flatMap((r) => r.events.map((e) => e.global_position)));
    }
    return last;
  }

  const caughtUp = (position: number) => Promise.all(PROJECTIONS.map((p) => whenCaughtUp(db.pool, p.name, position, { timeoutMs: 20_000 })));
  const snapshot = () => Promise.all(TABLES.map(async (table) => (await db.pool.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3`)).rows));
  const eventCount = async () => Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count);

  /** Each projection applied every event exactly once to its live tables. */
  async function expectAppliedOnce(): Promise<void> {
    const { rows } = await db.pool.query(
      `SELECT projection, count(*)::int AS applied, count(DISTINCT event_id)::int AS distinct_events FROM applied WHERE target = 'public' GROUP BY 1 ORDER BY 1`,
    );
    const total = await eventCount();
    expect(rows).toEqual(PROJECTIONS.map((p) => p.name).sort().map((projection) => ({ projection, applied: total, distinct_events: total })));
  }

  async function rebuildAll(): Promise<void> {
    for (const { name } of PROJECTIONS) await requestRebuild(db.pool, name);
    // Swapped in, leaving nothing behind: no request, no rebuild checkpoint, no shadow schema.
    await eventually(
      async () => {
        const { rows } = await db.pool.query(
          `SELECT name FROM projection_rebuilds UNION ALL SELECT name FROM checkpoints WHERE name LIKE '%:rebuild'
           UNION ALL SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'`,
        );
        expect(rows).toEqual([]);
      },
      { timeoutMs: 20_000 },
    );
  }

  it('resumes after a projector is killed mid-batch, with nothing applied twice and nothing missed', async () => {
    await db.pool.query('CREATE TABLE applied (projection text NOT NULL, target text NOT NULL, event_id uuid NOT NULL)');
    const head = await appendCopies(8);
    // The kill: every connection of the victim is terminated while one of its timeline batches has
    // written its rows but not its checkpoint, as when its process dies (the server rolls back what
    // the dead connections had open). From then on it does nothing more, and it is replaced.
    let timelineBatches = 0;
    let dead = false;
    const victim = startProjector('projector-victim', audited(async (projection, client, apply) => {
      if (dead) throw new Error('this projector is dead');
      await apply();
      if (projection.name === 'rm_timeline' && ++timelineBatches === 3) {
        dead = true;
        await db.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'projector-victim'`);
      }
    }));
    await eventually(async () => expect(dead).toBe(true));
    await victim.stop();
    const reached = (await readCheckpoint(db.pool, 'rm_timeline'))!.global_position;
    expect(reached).toBeLessThan(head);
    const { rows: timeline } = await db.pool.query(`SELECT count(*)::int AS n FROM applied WHERE projection = 'rm_timeline'`);
    expect(timeline[0].n).toBe(2 * 20);

    startProjector('projector-successor', audited((_projection, _client, apply) => apply()));
    await caughtUp(head);
    await expectAppliedOnce();
    const projected = await snapshot();
    await rebuildAll();
    expect(await snapshot()).toEqual(projected);
  });

  it('carries a rebuild on from its own checkpoint after its projector stops', async () => {
    await db.pool.query('CREATE TABLE applied (projection text NOT NULL, target text NOT NULL, event_id uuid NOT NULL)');
    const head = await appendCopies(4);
    const slowed = audited(async (_projection, _client, apply) => {
      await sleep(5); // keeps the rebuild going long enough to be stopped in the middle
      await apply();
    });
    const first = startProjector('projector-first', slowed);
    await caughtUp(head);
    const projected = await snapshot();
    await requestRebuild(db.pool, 'rm_timeline');
    await eventually(async () => expect((await readCheckpoint(db.pool, 'rm_timeline:rebuild'))?.global_position).toBeGreaterThanOrEqual(60));
    await first.stop();
    const stoppedAt = (await readCheckpoint(db.pool, 'rm_timeline:rebuild'))!.global_position;
    expect(stoppedAt).toBeLessThan(head);

    startProjector('projector-next', slowed);
    await eventually(async () => expect((await db.pool.query('SELECT name FROM projection_rebuilds')).rows).toEqual([]), { timeoutMs: 20_000 });
    expect(await snapshot()).toEqual(projected);
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS applied, count(DISTINCT event_id)::int AS distinct_events FROM applied WHERE target = 'rebuild_rm_timeline'`,
    );
    expect(rows[0]).toEqual({ applied: await eventCount(), distinct_events: await eventCount() });
  });

  it('never lets two projectors run a batch of the same projection (or of its rebuild) at once', async () => {
    await db.pool.query('CREATE TABLE applied (projection text NOT NULL, target text NOT NULL, event_id uuid NOT NULL)');
    const active = new Map<string, number>();
    let mostActive = 0;
    const counted = audited(async (projection, client, apply) => {
      const { rows } = await client.query<{ target: string }>('SELECT current_schema() AS target');
      const key = `${projection.name} in ${rows[0].target}`;
      active.set(key, (active.get(key) ?? 0) + 1);
      mostActive = Math.max(mostActive, active.get(key)!);
      try {
        await sleep(2); // widens the window in which an overlap would show
        await apply();
      } finally {
        active.set(key, active.get(key)! - 1);
      }
    });
    // From empty read models, so that every event of the log is applied again: each exactly once.
    await db.pool.query('TRUNCATE checkpoints');
    await db.pool.query(`TRUNCATE ${TABLES.join(', ')}`);
    startProjector('projector-a', counted);
    startProjector('projector-b', counted);
    const head = await appendCopies(4);
    await caughtUp(head);
    expect(mostActive).toBe(1);
    await expectAppliedOnce();

    const projected = await snapshot();
    await rebuildAll();
    expect(await snapshot()).toEqual(projected);
    expect(mostActive).toBe(1);
    const { rows: twice } = await db.pool.query(`SELECT projection, target, event_id FROM applied GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    expect(twice).toEqual([]);
  });
});
