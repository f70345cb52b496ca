import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@newsledger/testing';
import { generatedProposals } from '../../libs/read-models/src/testing/generated-ledger.js';
import { Cluster } from './support/cluster.js';
import { lanesOf, Load } from './support/load.js';

describe('PostgreSQL restarted while ingest, projection and delivery run', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start();
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('answers 503 meanwhile, reconnects by itself, and then projects and delivers every accepted event', async () => {
    await cluster.subscribe('/first');
    await cluster.subscribe('/second');
    const pids = Object.values(cluster.apps).map((app) => app.pid);
    const copies = Array.from({ length: 8 }, (_, n) => generatedProposals(1, n));
    const load = new Load(cluster, lanesOf(copies, 4));
    await eventually(async () => expect(load.report.accepted.size).toBeGreaterThan(40), { timeoutMs: 60_000 });

    await cluster.postgres.stop();
    // While it is down, requests get a problem (not a hang, not a 500) from every kind of route.
    for (const path of ['/v1/events?limit=5', '/v1/companies', '/v1/subscriptions']) {
      const response = await cluster.request(path, { signal: AbortSignal.timeout(15_000) });
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 503,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(response.headers.get('retry-after')).toBeTruthy();
    }
    await sleep(1_000);
    await cluster.postgres.start();

    await load.done;
    expect(load.report.unexpected).toEqual([]);
    expect(load.report.unavailable).toBeGreaterThan(0);
    const logged = await cluster.eventIds();
    expect(new Set(logged)).toEqual(load.report.accepted);
    expect(logged).toHaveLength(copies.flat().length);

    await cluster.untilProjected();
    await cluster.untilDelivered('/first');
    await cluster.untilDelivered('/second');
    expect(await cluster.unexpectedWebhookIds('/first')).toEqual([]);
    expect(await cluster.unexpectedWebhookIds('/second')).toEqual([]);
    // Nobody was restarted: each process reconnected and is ready again.
    expect(Object.values(cluster.apps).map((app) => app.pid)).toEqual(pids);
    for (const app of Object.values(cluster.apps)) expect((await app.readiness()).status).toBe(200);
  }, 180_000);
});
