import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventStore, whenCaughtUp, type EventToAppend } from '@newsledger/event-store';
import { createTestDatabase, eventually, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { PROJECTIONS } from './projections.js';
import { ProjectorModule } from './projector.module.js';
import { ReadModelsApiModule } from './read-models-api.module.js';
import type { ProjectionStatus } from './rebuild/projection-status.js';

function listingFiled(company: string): EventToAppend {
  return {
    event_id: randomUUID(),
    type: 'listing.filed',
    schema_version: 1,
    data: { venue: 'HKEX' },
    source: { source_id: 'src:test', publisher: 'Test Wire', genre: 'news', published_at: '2026-02-11', language: 'en', confidence: 'reported' },
    companies: [company],
    regions: [],
    occurred_on: null,
    occurred_precision: 'unknown',
    correlation_id: null,
  } as EventToAppend;
}

const quiet = { warn: () => undefined, error: () => undefined };

type Readiness = { status: string; details: { consumers?: { status: string; halted: { name: string; error: string }[] } } };

describe('a consumer that meets an event it cannot process', () => {
  let db: TestDatabase;
  let app: TestApp;
  let store: EventStore;
  const others = PROJECTIONS.map((p) => p.name).filter((name) => name !== 'rm_listings');

  const start = () => startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule.withOptions({ batchSize: 50, logger: quiet })] });
  const statuses = async () => ((await (await app.request('/v1/projections')).json()) as { data: ProjectionStatus[] }).data;
  const readiness = async () => {
    const response = await app.request('/health/ready', { key: null });
    return { status: response.status, body: (await response.json()) as Readiness };
  };
  const append = async (subject: string) => (await store.append(subject, [listingFiled('company:zhipu')], 'any')).events[0].global_position;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
    app = await start();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('halts that consumer only, says why on /v1/projections and /health/ready, and resumes once fixed and restarted', async () => {
    const before = await append('listing:before');
    await Promise.all(PROJECTIONS.map((p) => whenCaughtUp(db.pool, p.name, before)));
    // A fault no retry can cure, in one projection only: its table refuses the row this event makes.
    await db.pool.query(`ALTER TABLE rm_listings ADD CONSTRAINT no_poison CHECK (subject <> 'listing:poison')`);
    const beside = await append('listing:beside');
    const poison = await append('listing:poison');
    const after = await append('listing:after');

    const failed = await eventually(
      async () => {
        const listings = (await statuses()).find((s) => s.name === 'rm_listings')!;
        expect(listings.state).toBe('failed');
        return listings;
      },
      { timeoutMs: 20_000 },
    );
    // The events before the bad one were applied one by one; it stopped exactly there.
    expect(failed.position).toBe(beside);
    expect(failed.error).toMatchObject({ position: beside, since: expect.any(String) });
    expect(failed.error!.message).toContain(`the event at position ${poison} cannot be processed`);
    expect(failed.error!.message).toContain('no_poison');
    expect(failed.lag_events).toBe(2);

    // The other projections went on past it.
    await Promise.all(others.map((name) => whenCaughtUp(db.pool, name, after)));
    for (const status of (await statuses()).filter((s) => s.name !== 'rm_listings')) expect(status).toMatchObject({ state: 'live', error: null });

    const degraded = await readiness();
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.details.consumers).toEqual({
      status: 'down',
      halted: [{ name: 'rm_listings', error: failed.error!.message, since: failed.error!.since }],
    });

    // It does not retry on its own: still where it stopped after more events.
    const later = await append('listing:later');
    await Promise.all(others.map((name) => whenCaughtUp(db.pool, name, later)));
    expect((await statuses()).find((s) => s.name === 'rm_listings')).toMatchObject({ state: 'failed', position: beside });

    // Fixed and restarted: it retries the event and catches up.
    await db.pool.query(`ALTER TABLE rm_listings DROP CONSTRAINT no_poison`);
    await app.close();
    app = await start();
    await whenCaughtUp(db.pool, 'rm_listings', later);
    expect((await statuses()).find((s) => s.name === 'rm_listings')).toMatchObject({ state: 'live', error: null });
    const ready = await readiness();
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(ready.body.details.consumers).toBeUndefined();
    const { rows } = await db.pool.query(`SELECT subject FROM rm_listings ORDER BY subject`);
    expect(rows.map((r) => r.subject)).toEqual(['listing:after', 'listing:before', 'listing:beside', 'listing:later', 'listing:poison']);
  }, 60_000);
});
