import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@newsledger/testing';
import { generatedProposals } from '../../libs/read-models/src/testing/generated-ledger.js';
import { Cluster } from './support/cluster.js';
import { lanesOf, Load } from './support/load.js';

describe('a subscriber that hangs, one that is slow and one that answers 500', () => {
  let cluster: Cluster;
  const releases: (() => void)[] = [];
  const held = () => new Promise<void>((resolve) => releases.push(resolve));

  beforeAll(async () => {
    cluster = await Cluster.start();
  }, 120_000);
  afterAll(async () => {
    for (const release of releases) release();
    await cluster?.close();
  }, 60_000);

  it('cost the healthy subscriber nothing: it gets every event while the others are held', async () => {
    const { receiver } = cluster;
    // Hangs: never answers on its own (each attempt ends at WEBHOOK_TIMEOUT).
    receiver.respond('/hangs', () => ({ status: 200, after: held() }));
    // Slow: answers only once the test lets it, i.e. later than anything the healthy one waits for.
    let releaseSlow!: () => void;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    releases.push(releaseSlow);
    receiver.respond('/slow', () => ({ status: 200, after: slow }));
    receiver.respond('/fails', () => ({ status: 500 }));
    for (const path of ['/hangs', '/slow', '/fails', '/healthy']) await cluster.subscribe(path);

    const load = new Load(cluster, lanesOf([generatedProposals(1, 0), generatedProposals(1, 1)], 2));
    await load.done;
    expect(load.report.unexpected).toEqual([]);
    const events = (await cluster.eventIds()).length;

    await cluster.untilDelivered('/healthy', 60_000);
    // Meanwhile the slow one has not had a single answer, and the hung one is held at its in-flight cap.
    expect(receiver.at('/healthy')).toHaveLength(events);
    // The receiver has a request before the worker has its answer and logs it, so the log may trail by a moment.
    await eventually(async () => {
      const { rows } = await cluster.pool.query<{ url: string; succeeded: number }>(
        `SELECT s.url, count(*) FILTER (WHERE d.status = 'succeeded')::int AS succeeded
           FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id GROUP BY s.url`,
      );
      const succeeded = Object.fromEntries(rows.map((row) => [new URL(row.url).pathname, row.succeeded]));
      expect(succeeded).toMatchObject({ '/healthy': events, '/slow': 0, '/hangs': 0, '/fails': 0 });
    });
    expect(receiver.at('/hangs').length).toBeLessThan(events);
    expect(receiver.at('/slow').length).toBeLessThan(events);

    // Released, the slow one catches up in turn.
    releaseSlow();
    await cluster.untilDelivered('/slow', 60_000);
    await eventually(async () => {
      const { rows: pending } = await cluster.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
          WHERE s.url LIKE '%/slow' AND d.status <> 'succeeded'`,
      );
      expect(pending[0].n).toBe(0);
    });
  }, 180_000);
});
