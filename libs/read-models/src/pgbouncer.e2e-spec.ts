import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStore } from '@newsledger/event-store';
import { createTestDatabase, PgBouncer, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { ProjectorModule } from './projector.module.js';
import { ReadModelsApiModule } from './read-models-api.module.js';
import { seedEvents } from './testing/seed-events.js';

// Two projectors and their read APIs whose every connection goes through a PgBouncer of the test's
// own in transaction mode: migrations, the consumers' turns (transaction-scoped advisory locks),
// checkpoints and queries must all work without session state.
describe('projector and read models through PgBouncer (transaction mode)', () => {
  let db: TestDatabase;
  let bouncer: PgBouncer;
  let apps: TestApp[];
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    bouncer = await PgBouncer.start(db.url);
    const through = { url: bouncer.through(db.url) };
    apps = [];
    for (let i = 0; i < 2; i++) apps.push(await startTestApp(through, { modules: [ReadModelsApiModule, ProjectorModule] }));
    store = new EventStore(db.pool);
  }, 60_000);
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await bouncer?.close();
    await db?.drop();
  });

  async function appendSeed(from: number, to: number): Promise<number> {
    let last = 0;
    for (const { subject, recorded_at: _recordedAt, ...event } of seedEvents().slice(from, to)) {
      last = (await store.append(subject, [event], 'any')).events[0].global_position;
    }
    return last;
  }
  const checkpoints = async () =>
    (
      await db.pool.query<{ name: string; global_position: number }>(
        `SELECT name, global_position FROM checkpoints WHERE name LIKE 'rm\\_%' ORDER BY name`,
      )
    ).rows;

  it('projects every event with two projectors taking turns, and both serve what was projected', async () => {
    const last = await appendSeed(0, 40);
    for (const app of apps) {
      const response = await app.request(`/v1/companies?min_position=${last}&limit=100`);
      expect(response.status).toBe(200);
    }
    const ahead = (await checkpoints()).filter((c) => c.global_position < last);
    expect(ahead).toEqual([]);
  });

  it('carries on with one projector gone', async () => {
    await apps.shift()!.close();
    const last = await appendSeed(40, 60);
    const response = await apps[0]!.request(`/v1/companies?min_position=${last}`);
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-projection-position'))).toBeGreaterThanOrEqual(last);
  });
});
