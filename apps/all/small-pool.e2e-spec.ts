import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { holdConsumer, whenCaughtUp } from '@newsledger/event-store';
import { createTestDatabase, eventually, startTestApp, WebhookReceiver, type TestApp, type TestDatabase } from '@newsledger/testing';
import { allApp } from './all.app.js';
import { registerCompany } from './hostile/support.js';

// The consumer that fills a rebuild's shadow tables (shadowOf in libs/read-models).
const REBUILD_CONSUMER = 'rm_companies:rebuild';

// Every part of the all-in-one shares one pool of two connections. A path that holds one while it
// waits for another (a rebuild's swap waiting for its consumer, the router's batch listing the
// subscriptions) can end up waiting for itself. The pool's connect timeout is lifted here, so that
// such a wait shows as a hang, which fails the test, rather than as a 503 and a retried batch.
describe('the all-in-one on a pool of two connections (PG_POOL_MAX=2)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
    app = await startTestApp(db, allApp, {
      PG_POOL_MAX: '2',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '100ms,200ms',
      WEBHOOK_SWEEP_INTERVAL: '500ms',
    });
    app.runtime.pool.options.connectionTimeoutMillis = 0;
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('routes and delivers every event while a rebuild tries to swap in, then swaps it', async () => {
    const subscribed = await app.request('/v1/subscriptions', { method: 'POST', json: { url: receiver.url('/all'), event_types: ['*'] } });
    expect(subscribed.status).toBe(201);
    const slugs = Array.from({ length: 40 }, (_, n) => `small-pool-${n}`);
    const first = await app.request('/v1/events/batch', {
      method: 'POST',
      json: { events: slugs.slice(0, 20).map((slug) => registerCompany(slug)) },
    });
    expect(first.status).toBe(201);
    // The live projection has the first events, so that the rebuild has a point to catch up with.
    const { rows } = await db.pool.query<{ head: number }>('SELECT max(global_position) AS head FROM events');
    await whenCaughtUp(db.pool, 'rm_companies', rows[0].head, { timeoutMs: 30_000 });
    const delivered = () => new Set(receiver.at('/all').map((hit) => (JSON.parse(hit.body) as { data: { subject: string } }).data.subject));

    // The rebuild's consumer is held on the test's own connection, so the rebuild cannot catch up and
    // its swap keeps trying (as behind a busy log) while each event is appended, routed and delivered.
    const held = await db.pool.connect();
    try {
      await held.query('BEGIN');
      await holdConsumer(held, REBUILD_CONSUMER);
      expect((await app.request('/v1/projections/rm_companies/rebuild', { method: 'POST' })).status).toBe(202);
      await eventually(async () => {
        const { rows } = await db.pool.query(`SELECT 1 FROM projection_rebuilds WHERE name = 'rm_companies' AND started_at IS NOT NULL`);
        expect(rows).toHaveLength(1);
      });
      for (const slug of slugs.slice(20)) {
        expect((await app.request('/v1/events', { method: 'POST', json: registerCompany(slug) })).status).toBe(201);
        await eventually(async () => expect(delivered().has(`company:${slug}`)).toBe(true), { timeoutMs: 30_000 });
      }
    } finally {
      await held.query('ROLLBACK');
      held.release();
    }

    await eventually(async () => expect(delivered().size).toBe(40), { timeoutMs: 60_000 });
    await eventually(
      async () => {
        const { data } = (await (await app.request('/v1/projections')).json()) as { data: { name: string; state: string }[] };
        expect(data.find((p) => p.name === 'rm_companies')?.state).toBe('live');
      },
      { timeoutMs: 60_000 },
    );
    // Swapped in, the projection goes on from where the rebuild was.
    await eventually(
      async () => {
        const listed = await app.request('/v1/companies?limit=100');
        const companies = (await listed.json()) as { data: { subject: string }[] };
        expect({ status: listed.status, count: companies.data?.length }).toEqual({ status: 200, count: 40 });
        expect(companies.data.filter((c) => c.subject.startsWith('company:small-pool-'))).toHaveLength(40);
      },
      { timeoutMs: 30_000 },
    );
  }, 150_000);
});
