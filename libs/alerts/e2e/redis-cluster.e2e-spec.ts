import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUEUE_PREFIX } from '@newsledger/platform';
import { createTestDatabase, RedisCluster, startTestApp, type TestApp, type TestDatabase, WebhookReceiver } from '@newsledger/testing';
import { Cluster } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import {
  alertsApp,
  appendEvent,
  callApi,
  eventually,
  TEST_WEBHOOK_ENV,
  testAlertsOptions,
  uniqueCompany,
  type Json,
} from './support/harness.js';

const REVIEW = { review_id: 'cn-1', jurisdiction: 'CN', regime: 'unspecified' };

// A real three-master Redis Cluster of the test's own: BullMQ's scripts fail with CROSSSLOT there
// unless every key of a queue hashes to one slot, which one Redis never checks.
describe('webhook delivery on Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let cluster: RedisCluster;
  let db: TestDatabase;
  let app: TestApp;
  let receiver: WebhookReceiver;
  const options = testAlertsOptions();

  beforeAll(async () => {
    cluster = await RedisCluster.start({ masters: 3 });
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
    app = await startTestApp(db, alertsApp(options), { ...TEST_WEBHOOK_ENV, REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.seedNodes });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await db?.drop();
    await cluster?.close();
  });

  const subscribe = async (path: string, body: Json = {}) => {
    const created = await callApi(app, '/v1/subscriptions', {
      method: 'POST',
      json: { url: receiver.url(path), event_types: ['*'], ...body },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };

  it('runs its queue on the cluster and reports it ready', async () => {
    expect(app.runtime.queue.kind).toBe('redis');
    const ready = await callApi(app, '/health/ready', { key: null });
    expect([ready.status, ready.body.info?.queue_redis?.status]).toEqual([200, 'up']);
    expect(await app.runtime.queue.warnings()).toEqual([]);
  });

  it('subscribes, appends and receives the signed webhook', async () => {
    const company = uniqueCompany();
    const subscription = await subscribe('/cluster', { filter: { companies: [company] } });
    const event = await appendEvent(db.pool, { type: 'acquisition.review_opened', companies: [company], data: REVIEW });
    const [hit] = await eventually('the webhook at /cluster', () => receiver.at('/cluster').length > 0 && receiver.at('/cluster'));
    const payload = new Webhook(subscription.secret).verify(hit!.body, hit!.headers as Record<string, string>) as Json;
    expect(payload.data.event_id).toBe(event.event_id);
  });

  it('retries through the delayed set: a receiver failing twice gets three attempts', async () => {
    receiver.respond('/cluster-flaky', (_hit, index) => ({ status: index < 2 ? 500 : 204 }));
    const company = uniqueCompany();
    await subscribe('/cluster-flaky', { filter: { companies: [company] } });
    await appendEvent(db.pool, { type: 'acquisition.review_opened', companies: [company], data: REVIEW });
    const hits = await eventually(
      'three attempts at /cluster-flaky',
      () => receiver.at('/cluster-flaky').length >= 3 && receiver.at('/cluster-flaky'),
    );
    expect(new Set(hits.map((hit) => hit.headers['webhook-id'])).size).toBe(1);
  });

  it('keeps every key of the queue in one slot, on one node', async () => {
    const client = new Cluster(cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })));
    try {
      await new Promise((resolve) => client.once('ready', resolve));
      const holders = await Promise.all(
        client.nodes('master').map(async (node) => (await node.keys(`${QUEUE_PREFIX}:${options.queueName}:*`)).length > 0),
      );
      expect(holders.filter(Boolean)).toHaveLength(1);
      const keys = await client.nodes('master')[holders.indexOf(true)]!.keys(`${QUEUE_PREFIX}:${options.queueName}:*`);
      const slots = await Promise.all(keys.map((key) => client.cluster('KEYSLOT', key)));
      expect(new Set(slots).size).toBe(1);
    } finally {
      client.disconnect();
    }
  });
});
