import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECTIONS } from '@newsledger/read-models';
import type { AppProcess } from '@newsledger/testing';
import { generatedProposals } from '../../libs/read-models/src/testing/generated-ledger.js';
import { Cluster, type ServiceApp } from '../faults/support/cluster.js';
import { lanesOf, Load } from '../faults/support/load.js';

// The scale-out topology with several processes of every app, built from dist/, on one PostgreSQL
// and one redis-server of the test's own. 157 copies of the seed world are 5,024 events.
const COPIES = 157;
const REPLICAS: Record<ServiceApp, number> = { api: 2, projector: 2, 'alert-router': 2, 'webhook-worker': 3 };
const CONSUMERS = [...PROJECTIONS.map((p) => p.name), 'alert-router'];
// "Within a few seconds", with room for a loaded 2-core machine: a deadline, not a measurement.
const FAIL_OVER_MS = 30_000;

/** A counter or gauge summed over one process's /metrics, by the value of `label`. */
async function metric(process: AppProcess, name: string, label: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${process.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const sums = new Map<string, number>();
  for (const match of text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const key = new RegExp(`${label}="([^"]*)"`).exec(match[1]!)?.[1] ?? '';
    sums.set(key, (sums.get(key) ?? 0) + Number(match[2]));
  }
  return sums;
}

describe('several processes of every app on one PostgreSQL and one Redis', () => {
  let cluster: Cluster;
  let copy = 0;
  const ingest = async (copies: number, via: AppProcess[]) => {
    const worlds = Array.from({ length: copies }, () => generatedProposals(1, copy++));
    const load = new Load(cluster, lanesOf(worlds, 4), { batch: 100, via });
    await load.done;
    expect(load.report.unexpected).toEqual([]);
    return worlds.flat().length;
  };
  const listingEventIds = async () =>
    (await cluster.pool.query<{ event_id: string }>(`SELECT event_id FROM events WHERE type LIKE 'listing.%'`)).rows.map((r) => r.event_id);
  const everythingArrived = async (timeoutMs: number) => {
    await cluster.untilProjected(timeoutMs);
    await cluster.untilDelivered('/all', timeoutMs);
    const listings = await listingEventIds();
    const arrived = cluster.deliveredAt('/listings');
    expect(listings.filter((id) => !arrived.has(id))).toEqual([]);
    expect(arrived.size).toBe(listings.length);
  };

  beforeAll(async () => {
    cluster = await Cluster.start({ replicas: REPLICAS });
    await cluster.subscribe('/all');
    const listings = await cluster.request('/v1/subscriptions', {
      method: 'POST',
      json: { url: cluster.receiver.url('/listings'), event_types: ['listing.*'] },
    });
    expect(listings.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('ingests through both apis; every event is projected once, routed once, and delivered by every worker', async () => {
    const [first, second] = cluster.replicas.api;
    const ingested = await ingest(COPIES, [first!, second!]);
    expect(await cluster.eventIds()).toHaveLength(ingested);
    await everythingArrived(120_000);

    // Each consumer's events, summed over the processes that run it: every event exactly once, so no
    // two processes ever committed the same batch.
    const processed = new Map<string, number>();
    for (const app of [...cluster.replicas.projector, ...cluster.replicas['alert-router']]) {
      for (const [consumer, count] of await metric(app, 'event_store_consumer_events_total', 'consumer')) {
        processed.set(consumer, (processed.get(consumer) ?? 0) + count);
      }
    }
    expect(Object.fromEntries(CONSUMERS.map((name) => [name, processed.get(name)]))).toEqual(
      Object.fromEntries(CONSUMERS.map((name) => [name, ingested])),
    );

    // Deliveries are spread: every worker delivered some.
    const perWorker = await Promise.all(
      cluster.replicas['webhook-worker'].map(
        async (worker) => (await metric(worker, 'webhook_deliveries_total', 'outcome')).get('succeeded') ?? 0,
      ),
    );
    expect(perWorker.every((count) => count > 0)).toBe(true);
    expect(perWorker.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ingested);
  }, 240_000);

  it('fails over when one process of each app is stopped (SIGTERM), then when another is killed (SIGKILL)', async () => {
    const kinds = Object.keys(REPLICAS) as ServiceApp[];
    await Promise.all(kinds.map((kind) => cluster.replicas[kind][0]!.stop()));
    await ingest(10, [cluster.replicas.api[1]!]);
    await everythingArrived(FAIL_OVER_MS);

    await Promise.all(kinds.map((kind) => cluster.replicas[kind][0]!.start()));
    await Promise.all(kinds.map((kind) => cluster.replicas[kind][1]!.kill()));
    await ingest(10, [cluster.replicas.api[0]!]);
    await everythingArrived(FAIL_OVER_MS);
    expect(await cluster.unexpectedWebhookIds('/all')).toEqual([]);
  }, 180_000);
});
