import { describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, testEnv } from '@newsledger/testing';
import { DeliveryQueue } from '../src/deliveries/delivery-queue.js';
import { DeliveryWorker } from '../src/worker/delivery-worker.js';
import {
  alertsApp,
  appendEvent,
  eventually,
  sharedDatabaseAndReceiver,
  TEST_WEBHOOK_ENV,
  testAlertsOptions,
  uniqueCompany,
  type Json,
} from './support/harness.js';

// The router puts an event's deliveries to several subscriptions in one job. Each case appends one
// event while no worker runs, checks that its deliveries wait in a single job, then lets workers at it.
describe('deliveries grouped in one job', () => {
  const shared = sharedDatabaseAndReceiver();

  /** Subscriptions at `paths` to one new company and an event for it; its delivery rows by path. */
  const eventFor = async (api: TestApp, paths: string[]) => {
    const company = uniqueCompany();
    const ids: string[] = [];
    for (const path of paths) {
      const response = await api.request('/v1/subscriptions', {
        method: 'POST',
        json: { url: shared.receiver.url(path), event_types: ['*'], filter: { companies: [company] } },
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    await appendEvent(shared.db.pool, { type: 'listing.filed', companies: [company] });
    const rows = await eventually('the delivery rows', async () => {
      const { rows } = await shared.db.pool.query<Json>(`SELECT * FROM deliveries WHERE subscription_id = ANY ($1::uuid[])`, [ids]);
      return rows.length === paths.length && rows;
    });
    return new Map(paths.map((path, i) => [path, rows.find((row) => row.subscription_id === ids[i])!]));
  };
  /** The event's deliveries at `paths`, once they wait in one job (no worker runs yet). */
  const groupFor = async (producer: TestApp, paths: string[]) => {
    const byPath = await eventFor(producer, paths);
    const { queue } = producer.app.get(DeliveryQueue, { strict: false });
    const [job] = await eventually('the job', async () => {
      const jobs = await queue.getJobs(['waiting']);
      return jobs.length > 0 && jobs;
    });
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 0 });
    const members = 'delivery_ids' in job.data ? job.data.delivery_ids : [];
    expect(new Set(members)).toEqual(new Set([...byPath.values()].map((row) => row.id)));
    return { byPath, queue };
  };
  const row = async (id: string) => (await shared.db.pool.query<Json>(`SELECT * FROM deliveries WHERE id = $1`, [id])).rows[0];
  /** A producer (the api, the router and its sweeper) and the workers a case starts, closed after it. */
  const withApps = async (
    env: Record<string, string>,
    run: (producer: TestApp, startWorker: () => Promise<TestApp>) => Promise<void>,
    options = testAlertsOptions(),
  ) => {
    const producer = await startTestApp(shared.db, alertsApp(options, ['api', 'router']), env);
    const workers: TestApp[] = [];
    const startWorker = async () => {
      workers.push(await startTestApp(shared.db, alertsApp(options, ['worker']), env));
      return workers[workers.length - 1];
    };
    try {
      await run(producer, startWorker);
    } finally {
      for (const worker of workers.reverse()) await worker.close();
      await producer.close();
    }
  };

  it('retries a failing member as its own job, on the schedule a job of its own would follow, while the others succeed once', async () => {
    await withApps(TEST_WEBHOOK_ENV, async (producer, startWorker) => {
      shared.receiver.respond('/g1/failing', () => ({ status: 500 }));
      const { byPath, queue } = await groupFor(producer, ['/g1/a', '/g1/failing', '/g1/b']);
      await startWorker();

      const failing = byPath.get('/g1/failing')!;
      // WEBHOOK_RETRY_SCHEDULE 100ms,200ms: three attempts, then dead.
      await eventually('the failing delivery to be dead', async () => (await row(failing.id)).status === 'dead');
      expect(await row(failing.id)).toMatchObject({ attempt_count: 3 });
      const hits = shared.receiver.at('/g1/failing');
      expect(hits).toHaveLength(3);
      const gaps = hits.slice(1).map((hit, i) => hit.receivedAt - hits[i].receivedAt);
      expect(gaps[0]).toBeGreaterThanOrEqual(80); // 100 ms ±20 %
      expect(gaps[1]).toBeGreaterThanOrEqual(160); // 200 ms ±20 %
      // The row is settled before the worker tells the queue the job failed.
      await eventually('its own job to fail', async () => (await (await queue.getJob(failing.id))?.getState()) === 'failed');
      const retried = await queue.getJob(failing.id);
      expect(retried?.data).toMatchObject({ delivery_id: failing.id, attempts_made: 1 });
      expect(retried?.failedReason).toMatch(/HTTP 500: no retries left/);

      for (const path of ['/g1/a', '/g1/b']) {
        await eventually(`${path} to be written`, async () => (await row(byPath.get(path)!.id)).status === 'succeeded');
        expect(shared.receiver.at(path)).toHaveLength(1);
        expect(await row(byPath.get(path)!.id)).toMatchObject({ attempt_count: 1 });
      }
    });
  });

  it('gives every delivery of a batch written in several commits its job, and sends each once', async () => {
    // Two deliveries to a job and to a commit: the event's five deliveries are written in three chunks.
    const options = testAlertsOptions({ deliveriesPerJob: 2, routerDeliveriesPerCommit: 2 });
    await withApps(
      TEST_WEBHOOK_ENV,
      async (producer, startWorker) => {
        const paths = ['/g5/a', '/g5/b', '/g5/c', '/g5/d', '/g5/e'];
        const byPath = await eventFor(producer, paths);
        const { queue } = producer.app.get(DeliveryQueue, { strict: false });
        const jobs = await eventually('the three jobs', async () => {
          const waiting = await queue.getJobs(['waiting']);
          return waiting.length === 3 && waiting;
        });
        const rows = [...byPath.values()];
        for (const job of jobs) {
          const members: string[] = 'delivery_ids' in job.data ? job.data.delivery_ids : [job.data.delivery_id];
          for (const id of members) expect(rows.find((r) => r.id === id)!.job_id).toBe(members.length === 1 ? null : job.id);
        }
        expect(new Set(jobs.flatMap((job) => ('delivery_ids' in job.data ? job.data.delivery_ids : [job.data.delivery_id])))).toEqual(
          new Set(rows.map((r) => r.id)),
        );

        await startWorker();
        for (const path of paths) {
          await eventually(`${path} to succeed`, async () => (await row(byPath.get(path)!.id)).status === 'succeeded');
          expect(shared.receiver.at(path)).toHaveLength(1);
        }
      },
      options,
    );
  });

  it('is not given duplicate jobs by the sweeper while it waits in a backlog', async () => {
    // The producer runs the sweeper (every 250 ms, for deliveries over 1 s overdue) and no worker.
    await withApps(TEST_WEBHOOK_ENV, async (producer, startWorker) => {
      const paths = ['/g2/a', '/g2/b', '/g2/c'];
      const { byPath, queue } = await groupFor(producer, paths);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 0 });

      await startWorker();
      for (const path of paths) {
        await eventually(`${path} to succeed`, async () => (await row(byPath.get(path)!.id)).status === 'succeeded');
        expect(shared.receiver.at(path)).toHaveLength(1);
      }
    });
  });

  it('sends none of its members again when a stalled group runs again', async () => {
    // The first worker is stopped by force while one member's request is held: one member has
    // succeeded, one has failed and waits an hour for its retry, and the held one is aborted (a
    // failed attempt too, retried on the schedule). The group's lock runs out with the job still
    // active, and a second worker runs it again.
    let releaseHeld!: () => void;
    const held = new Promise<void>((resolve) => (releaseHeld = resolve));
    await withApps({ ...TEST_WEBHOOK_ENV, WEBHOOK_RETRY_SCHEDULE: '1h' }, async (producer, startWorker) => {
      shared.receiver.respond('/g3/held', () => ({ status: 200, after: held }));
      shared.receiver.respond('/g3/failing', () => ({ status: 503 }));
      const { byPath, queue } = await groupFor(producer, ['/g3/ok', '/g3/failing', '/g3/held']);
      const status = async (path: string) => (await row(byPath.get(path)!.id)).status;
      const first = await startWorker();
      await eventually('the held request to arrive', () => shared.receiver.at('/g3/held').length === 1);
      await eventually(
        'the success and the failure to be written',
        async () => (await status('/g3/ok')) === 'succeeded' && (await status('/g3/failing')) === 'failed',
      );
      await first.app.get(DeliveryWorker, { strict: false }).stop({ force: true });
      await eventually('the aborted attempt to be written', async () => (await status('/g3/held')) === 'failed');
      expect(await queue.getJobCounts('active')).toEqual({ active: 1 });
      releaseHeld();

      await startWorker();
      await eventually('the group to be run again and completed', async () => {
        const { active, waiting } = await queue.getJobCounts('active', 'waiting');
        return active + waiting === 0;
      });
      for (const path of ['/g3/ok', '/g3/failing', '/g3/held']) expect(shared.receiver.at(path)).toHaveLength(1);
      expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 2 }); // the two failed members' own retries
    }).finally(releaseHeld);
  });

  // On BullMQ's PostgreSQL backend the queue is the database that holds the attempt, and an add on
  // a closed queue waits instead of failing: the case is Redis's, a queue down while PostgreSQL is up.
  const withRedis = testEnv('redisUrl') ? it : it.skip;

  withRedis('leaves a member the queue would not take back to the sweeper, its failed attempt already written', async () => {
    // The worker's producer connection is closed before the event, so handing the failed member to a
    // job of its own fails at once; the router's sweeper queues it once it is overdue.
    await withApps(TEST_WEBHOOK_ENV, async (producer, startWorker) => {
      const worker = await startWorker();
      await worker.app.get(DeliveryQueue, { strict: false }).queue.close();
      shared.receiver.respond('/g4/flaky', (_hit, index) => ({ status: index === 0 ? 500 : 200 }));
      const byPath = await eventFor(producer, ['/g4/ok', '/g4/flaky']);
      const flaky = byPath.get('/g4/flaky')!;
      expect(flaky.job_id).not.toBeNull();
      expect(byPath.get('/g4/ok')!.job_id).toBe(flaky.job_id);

      await eventually('the failed attempt to be written', async () => (await row(flaky.id)).status === 'failed');
      const { queue } = producer.app.get(DeliveryQueue, { strict: false });
      expect(await queue.getJob(flaky.id)).toBeUndefined();
      await eventually('the sweeper to queue it and the worker to deliver it', async () => (await row(flaky.id)).status === 'succeeded');
      expect(shared.receiver.at('/g4/flaky')).toHaveLength(2);
      expect(shared.receiver.at('/g4/ok')).toHaveLength(1);
    });
  });
});
