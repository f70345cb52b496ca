import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, RedisServer, startTestApp, type TestApp, type TestDatabase, testEnv, WebhookReceiver } from '@newsledger/testing';
import { DeliveryQueue } from '../src/deliveries/delivery-queue.js';
import { DeliveryWorker } from '../src/worker/delivery-worker.js';
import { alertsApp, appendEvent, eventually, TEST_WEBHOOK_ENV, testAlertsOptions, uniqueCompany, type Json } from './support/harness.js';

describe('no lost alerts', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await db.drop();
  });

  const subscribe = async (app: TestApp, path: string, company: string) => {
    const response = await app.request('/v1/subscriptions', {
      method: 'POST',
      json: { url: receiver.url(path), event_types: ['*'], filter: { companies: [company] } },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };
  const deliveries = async (subscriptionId: string) =>
    (await db.pool.query<Json>(`SELECT * FROM deliveries WHERE subscription_id = $1`, [subscriptionId])).rows;

  it('completes a delivery whose worker was killed mid-request, through another worker', async () => {
    // The kill is modelled as a forced close of the worker while the receiver holds the request open:
    // its HTTP request is aborted and BullMQ is never told how the job ended, as in a crash. The job
    // stays active until its lock expires; a worker started afterwards (a second app on the same
    // queue, like a restarted replica) finds it stalled and delivers it.
    const options = testAlertsOptions();
    const first = await startTestApp(db, alertsApp(options), TEST_WEBHOOK_ENV);
    let second: TestApp | undefined;
    try {
      const company = uniqueCompany();
      let releaseHeld!: () => void;
      const held = new Promise<void>((resolve) => (releaseHeld = resolve));
      receiver.respond('/killed', (_hit, index) => (index === 0 ? { status: 200, after: held } : { status: 200 }));
      const subscription = await subscribe(first, '/killed', company);
      await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
      await eventually('the first request to arrive', () => receiver.at('/killed').length === 1);

      await first.app.get(DeliveryWorker, { strict: false }).stop({ force: true });
      releaseHeld();
      second = await startTestApp(db, alertsApp(options, ['worker']), TEST_WEBHOOK_ENV);

      const [delivery] = await eventually('the delivery to succeed', async () => {
        const rows = await deliveries(subscription.id);
        return rows[0]?.status === 'succeeded' && rows;
      });
      const hits = receiver.at('/killed');
      expect(hits).toHaveLength(2);
      expect(hits.map((hit) => hit.headers['webhook-id'])).toEqual([delivery.message_id, delivery.message_id]);
    } finally {
      await second?.close();
      await first.close();
    }
  });

  it('re-queues deliveries the queue lost (a flushed or replaced Redis) from PostgreSQL', async () => {
    const options = testAlertsOptions();
    // No worker yet, so the job waits in the queue until the flush.
    const producer = await startTestApp(db, alertsApp(options, ['api', 'router']), TEST_WEBHOOK_ENV);
    let worker: TestApp | undefined;
    try {
      const company = uniqueCompany();
      const subscription = await subscribe(producer, '/flushed', company);
      await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
      await eventually('the delivery row', async () => (await deliveries(subscription.id)).length === 1);
      const { queue } = producer.app.get(DeliveryQueue, { strict: false });
      await eventually('the job', async () => (await queue.getJobCounts('waiting')).waiting === 1);
      await queue.obliterate({ force: true });

      worker = await startTestApp(db, alertsApp(options, ['worker']), TEST_WEBHOOK_ENV);
      await eventually('the sweeper to re-queue and the worker to deliver', () => receiver.at('/flushed').length === 1);
      expect((await deliveries(subscription.id))[0].status).toMatch(/pending|succeeded/);
    } finally {
      await worker?.close();
      await producer.close();
    }
  });

  it('sends a delivery once when the sweeper re-queues it while its success is still being written', async () => {
    // A success is logged without holding its job, and a completed job is removed at once. Until the
    // write lands, the sweeper finds the delivery unsettled with no job and queues it again. The test
    // does the sweeper's part itself, at the moment that matters.
    const options = testAlertsOptions({ sweepIntervalMs: 3_600_000 });
    const app = await startTestApp(db, alertsApp(options), TEST_WEBHOOK_ENV);
    const locker = await db.pool.connect();
    let releaseRequest!: () => void;
    const requestHeld = new Promise<void>((resolve) => (releaseRequest = resolve));
    try {
      receiver.respond('/written-late', () => ({ status: 200, after: requestHeld }));
      const company = uniqueCompany();
      const subscription = await subscribe(app, '/written-late', company);
      await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
      await eventually('the request to arrive', () => receiver.at('/written-late').length === 1);
      const [{ id }] = await deliveries(subscription.id);
      // The row lock holds the success's write back (the worker's load is a plain read, never blocked).
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM deliveries WHERE id = $1 FOR UPDATE', [id]);
      releaseRequest();
      const delivery = app.app.get(DeliveryQueue, { strict: false });
      await eventually('the job to complete and be removed', async () => (await delivery.queue.getJob(id)) === undefined);

      expect(await delivery.ensureQueued(id)).toBe('added');
      await eventually('the second job to run', async () => (await delivery.queue.getJob(id)) === undefined);
      expect(receiver.at('/written-late')).toHaveLength(1);

      await locker.query('COMMIT');
      await eventually('the success to be written', async () => (await deliveries(subscription.id))[0].status === 'succeeded');
    } finally {
      releaseRequest();
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
      await app.close();
    }
  });

  it('keeps a slow endpoint from holding back the others', async () => {
    const options = testAlertsOptions({ workerConcurrency: 8, perSubscriptionInFlight: 2 });
    const app = await startTestApp(db, alertsApp(options), TEST_WEBHOOK_ENV);
    let releaseSlow!: () => void;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    try {
      receiver.respond('/slow', () => ({ status: 200, after: slow }));
      const [slowCompany, fastCompany] = [uniqueCompany(), uniqueCompany()];
      await subscribe(app, '/slow', slowCompany);
      await subscribe(app, '/fast', fastCompany);
      for (let i = 0; i < 20; i++) await appendEvent(db.pool, { type: 'listing.filed', companies: [slowCompany] });
      await eventually('the slow endpoint to be at its cap', () => receiver.at('/slow').length === 2);
      for (let i = 0; i < 5; i++) await appendEvent(db.pool, { type: 'listing.filed', companies: [fastCompany] });
      await eventually('the fast endpoint to get everything while the slow one hangs', () => receiver.at('/fast').length === 5, 5_000);
      expect(receiver.at('/slow')).toHaveLength(2);
    } finally {
      releaseSlow();
      await app.close();
    }
  });

  it('puts a job over its endpoint’s cap back for a moment, without spending an attempt', async () => {
    // With an hour between attempts, a job put back as a failed attempt would not arrive in this test.
    const options = testAlertsOptions({ workerConcurrency: 8, perSubscriptionInFlight: 1 });
    const app = await startTestApp(db, alertsApp(options), { ...TEST_WEBHOOK_ENV, WEBHOOK_RETRY_SCHEDULE: '1h' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      receiver.respond('/capped', (_hit, index) => (index === 0 ? { status: 200, after: held } : { status: 200 }));
      const company = uniqueCompany();
      const subscription = await subscribe(app, '/capped', company);
      for (let i = 0; i < 4; i++) await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
      await eventually('the first delivery to hold the only slot', () => receiver.at('/capped').length === 1);
      const { queue } = app.app.get(DeliveryQueue, { strict: false });
      await eventually('the others to be put back', async () => (await queue.getJobCounts('delayed')).delayed === 3);
      release();
      await eventually('every delivery to arrive', () => receiver.at('/capped').length === 4);
      await eventually('each to be logged once', async () =>
        (await deliveries(subscription.id)).every((delivery) => delivery.status === 'succeeded' && delivery.attempt_count === 1),
      );
    } finally {
      release();
      await app.close();
    }
  });

  const withRedis = testEnv('redisUrl') ? it : it.skip;
  if (!testEnv('redisUrl')) {
    process.stdout.write(
      'Skipping the Redis-outage case: the suite runs without Redis (NEWSLEDGER_TEST_REDIS_URL unset), so the queue is on PostgreSQL.\n',
    );
  }

  withRedis(
    'delivers every event appended while the queue’s Redis was stopped, once it is back',
    async () => {
      const redis = await RedisServer.start();
      const app = await startTestApp(db, alertsApp(testAlertsOptions()), { ...TEST_WEBHOOK_ENV, REDIS_URL: redis.url });
      try {
        const company = uniqueCompany();
        const subscription = await subscribe(app, '/outage', company);
        await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
        await eventually('the delivery before the outage', () => receiver.at('/outage').length === 1);

        await redis.stop();
        const during = [];
        for (let i = 0; i < 5; i++) during.push(await appendEvent(db.pool, { type: 'listing.filed', companies: [company] }));
        // The router writes the rows, fails to add their jobs, and rolls back: its checkpoint stays behind.
        await eventually('the router to record the deliveries', async () => (await deliveries(subscription.id)).length === 6);
        const { rows } = await db.pool.query<{ global_position: number }>(
          `SELECT global_position FROM checkpoints WHERE name = 'alert-router'`,
        );
        expect(rows[0].global_position).toBeLessThan(Math.min(...during.map((e) => e.global_position)));

        await redis.start(); // empty: whatever the queue held is gone
        await eventually('every event to be delivered', () => receiver.at('/outage').length >= 6, 40_000);
        const delivered = new Set(receiver.at('/outage').map((hit) => JSON.parse(hit.body).data.event_id));
        for (const event of during) expect(delivered).toContain(event.event_id);
        await eventually('every delivery to be settled', async () =>
          (await deliveries(subscription.id)).every((d) => d.status === 'succeeded'),
        );
      } finally {
        await app.close();
        await redis.stop();
      }
    },
    60_000,
  );
});
