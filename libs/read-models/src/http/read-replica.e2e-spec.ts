import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStore } from '@newsledger/event-store';
import { createPool } from '@newsledger/platform';
import { eventually, startTestApp, StreamingReplica, type TestApp } from '@newsledger/testing';
import type pg from 'pg';
import { ProjectorModule } from '../projector.module.js';
import { ReadModelsApiModule } from '../read-models-api.module.js';
import { seedEvents } from '../testing/seed-events.js';

// Short, so the fallback case stays quick; the replica catches up within it when replaying.
const WAIT_MS = 1_500;

// A real primary and a hot standby streaming from it, both the test's own: the app reads its read
// models from the replica (DATABASE_READ_URL) and writes, projects and falls back on the primary.
describe('read models on a streaming replica (DATABASE_READ_URL)', () => {
  let servers: StreamingReplica;
  let app: TestApp;
  let primary: pg.Pool;
  let store: EventStore;

  beforeAll(async () => {
    servers = await StreamingReplica.start();
    app = await startTestApp(
      { url: servers.primaryUrl },
      { modules: [ReadModelsApiModule.withOptions({ minPositionWaitMs: WAIT_MS }), ProjectorModule] },
      { DATABASE_READ_URL: servers.replicaUrl },
    );
    primary = createPool(servers.primaryUrl, { applicationName: 'newsledger-test' });
    store = new EventStore(primary);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await primary?.end();
    await servers?.close();
  });

  async function append(index: number): Promise<number> {
    const { subject, recorded_at: _recordedAt, ...event } = seedEvents()[index];
    return (await store.append(subject, [event], 'any')).events[0].global_position;
  }
  const projectedOnPrimary = (subject: string) =>
    eventually(async () => {
      const { rowCount } = await primary.query('SELECT 1 FROM rm_companies WHERE subject = $1', [subject]);
      if (rowCount === 0) throw new Error(`${subject} is not projected on the primary yet`);
    });

  it('checks the replica for readiness', async () => {
    const response = await app.request('/health/ready', { key: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ info: { postgres: { status: 'up' }, postgres_read: { status: 'up' } } });
  });

  it('answers min_position from the replica once it has replayed that far', async () => {
    const position = await append(0);
    const response = await app.request(`/v1/companies/zhipu?min_position=${position}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'zhipu', last_global_position: position });
  });

  it('reads from the replica, and goes to the primary when the replica lags past the min_position wait', async () => {
    await servers.pauseReplay();
    const position = await append(1);
    await projectedOnPrimary('company:minimax');

    // The primary has it; the paused replica, which serves plain reads, does not.
    expect((await app.request('/v1/companies/minimax')).status).toBe(404);

    const fresh = await app.request(`/v1/companies/minimax?min_position=${position}`);
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toMatchObject({ id: 'minimax', last_global_position: position });
    expect(Number(fresh.headers.get('x-projection-position'))).toBeGreaterThanOrEqual(position);

    await servers.resumeReplay();
    await eventually(async () => expect((await app.request('/v1/companies/minimax')).status).toBe(200));
  });
});
