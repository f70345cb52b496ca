import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStore, holdConsumer } from '@newsledger/event-store';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { ProjectorModule } from '../projector.module.js';
import { ReadModelsApiModule } from '../read-models-api.module.js';
import { seedEvents } from '../testing/seed-events.js';

// Shorter than the 5 s default, so that the timeout case stays quick; long enough for a loaded machine.
const WAIT_MS = 4_000;
const HELD_MS = 300;

describe('?min_position= (read your writes)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { modules: [ReadModelsApiModule.withOptions({ minPositionWaitMs: WAIT_MS }), ProjectorModule] });
    store = new EventStore(db.pool);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function append(index: number): Promise<number> {
    const { subject, recorded_at: _recordedAt, ...event } = seedEvents()[index];
    return (await store.append(subject, [event], 'any')).events[0].global_position;
  }

  it('waits until the read model has the event just appended, and answers with the fresh row', async () => {
    // The test takes the companies projection's lock, as a batch in another projector would: the
    // projector stands by until the test lets go.
    const holder = await db.pool.connect();
    await holder.query('BEGIN');
    await holdConsumer(holder, 'rm_companies');
    const position = await append(0);
    expect((await app.request('/v1/companies/zhipu')).status).toBe(404);

    const asked = Date.now();
    const answer = app.request(`/v1/companies/zhipu?min_position=${position}`);
    setTimeout(() => void holder.query('COMMIT').finally(() => holder.release()), HELD_MS);
    const response = await answer;
    expect(response.status).toBe(200);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(HELD_MS);
    expect(await response.json()).toMatchObject({ id: 'zhipu', display_name: 'Zhipu', last_global_position: position });
    expect(Number(response.headers.get('x-projection-position'))).toBeGreaterThanOrEqual(position);
  });

  it('answers 503 with retry-after when the read model does not get there in time', async () => {
    const ahead = (await append(1)) + 1_000;
    const asked = Date.now();
    const response = await app.request(`/v1/companies/minimax?min_position=${ahead}`);
    const waited = Date.now() - asked;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ type: 'urn:newsledger:problem:unavailable', status: 503, projection: 'rm_companies' });
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS);
    expect(waited).toBeLessThan(WAIT_MS + 1_500);
  });

  it('applies to lists and to the timeline, and refuses what is not a position', async () => {
    const position = await append(2);
    const list = await app.request(`/v1/companies?min_position=${position}&limit=500`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: { id: string }[] }).data.map((c) => c.id)).toContain('meta');
    expect((await app.request(`/v1/companies/meta/timeline?min_position=${position}`)).status).toBe(200);
    for (const bad of ['abc', '-1', '1.5']) {
      const response = await app.request(`/v1/companies?min_position=${bad}`);
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expect(await response.json()).toMatchObject({ errors: [{ path: '/min_position' }] });
    }
  });
});
