import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@newsledger/testing';
import { generatedProposals } from '../../libs/read-models/src/testing/generated-ledger.js';
import { Cluster } from './support/cluster.js';
import { lanesOf, Load } from './support/load.js';

// The outage lasts 30 s; 8 s shows the same behaviour (nothing in the service waits on a
// 30 s clock: the router retries with backoff capped lower, the sweeper runs every WEBHOOK_SWEEP_INTERVAL)
// and keeps the file short.
const OUTAGE_MS = 8_000;

describe('Redis stopped and restarted empty', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start();
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('keeps ingest answering and delivers every alert once Redis is back', async () => {
    const { redis } = cluster;
    await cluster.subscribe('/outage');
    // Deliveries held waiting on a failing endpoint sit in Redis as delayed jobs when it goes away.
    let failing = true;
    cluster.receiver.respond('/flaky', () => ({ status: failing ? 500 : 200 }));
    await cluster.subscribe('/flaky');
    const copies = Array.from({ length: 6 }, (_, n) => generatedProposals(1, n));
    const load = new Load(cluster, lanesOf(copies, 3));
    await eventually(async () => expect(cluster.receiver.at('/outage').length).toBeGreaterThan(10), { timeoutMs: 60_000 });

    await redis.kill();
    const acceptedBefore = load.report.accepted.size;
    await sleep(OUTAGE_MS);
    // Ingest never needed Redis: it kept recording events, every answer a 201.
    expect(load.report.accepted.size).toBeGreaterThan(acceptedBefore);
    expect(load.report.unavailable).toBe(0);
    const readiness = await cluster.apps.api.readiness();
    expect(readiness.status).toBe(503);
    await redis.start(); // empty: every job it held is gone
    failing = false;

    await load.done;
    expect(load.report.unexpected).toEqual([]);
    expect(load.report.unavailable).toBe(0);
    await cluster.untilDelivered('/outage', 90_000);
    await cluster.untilDelivered('/flaky', 90_000);
    expect(await cluster.unexpectedWebhookIds('/outage')).toEqual([]);
    expect(await cluster.unexpectedWebhookIds('/flaky')).toEqual([]);
    for (const app of Object.values(cluster.apps)) await eventually(async () => expect((await app.readiness()).status).toBe(200));
  }, 180_000);
});
