import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiKeysRepository } from '@newsledger/platform';
import { createTestDatabase, eventually, startTestApp, testEnv, type TestApp, type TestDatabase } from '@newsledger/testing';
import { alertsApp, callApi, TEST_WEBHOOK_ENV, testAlertsOptions } from './support/harness.js';

// Both queue stores: Redis when the suite has one, and BullMQ's PostgreSQL backend always.
const backends = [['PostgreSQL', { REDIS_URL: '' }], ...(testEnv('redisUrl') ? [['Redis', {}] as const] : [])] as const;
if (!testEnv('redisUrl')) process.stdout.write('Queue dashboard: no Redis in this run, so only its PostgreSQL-backend case runs.\n');

describe.each(backends)('queue dashboard at /admin/queues on %s', (backend, env) => {
  let db: TestDatabase;
  let app: TestApp;
  let keys: ApiKeysRepository;
  const options = testAlertsOptions();

  beforeAll(async () => {
    db = await createTestDatabase();
    // The API alone: jobs wait in the queue, where the board must show them.
    app = await startTestApp(db, alertsApp(options, ['api']), { ...TEST_WEBHOOK_ENV, ...env });
    keys = new ApiKeysRepository(db.pool);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const openSession = async (key: string | null) => app.request('/admin/queues/session', { method: 'POST', key });
  const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0];
  const board = (path: string, cookie: string, accept = 'application/json') =>
    fetch(`${app.baseUrl}/admin/queues${path}`, { headers: { cookie, accept }, redirect: 'manual' });

  it('sends a browser without a session to sign in, and answers API calls with a 401 problem', async () => {
    const page = await board('', '', 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Fadmin%2Fqueues');
    const api = await board('/api/queues', '');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await api.json()) as { detail: string }).detail).toContain('POST /admin/queues/session');
  });

  it('opens a session for admin keys only, as a cookie on /admin/queues that is not the key', async () => {
    expect((await openSession(null)).status).toBe(401);
    const reader = await keys.create('reader', ['read']);
    expect((await openSession(reader.key)).status).toBe(403);

    const opened = await openSession(app.adminKey);
    expect(opened.status).toBe(204);
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^newsledger_dashboard=.+; Path=\/admin\/queues; Max-Age=1800; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(app.adminKey);

    const page = await board('', cookieOf(opened), 'text/html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Newsledger queues');
  });

  it('shows the delivery queue and the jobs waiting in it', async () => {
    const subscription = await callApi(app, '/v1/subscriptions', {
      method: 'POST',
      json: { url: 'http://127.0.0.1:9/hook', event_types: ['*'] },
    });
    expect((await callApi(app, `/v1/subscriptions/${subscription.body.id}/test`, { method: 'POST' })).status).toBe(202);
    const cookie = cookieOf(await openSession(app.adminKey));

    const shown = await eventually(async () => {
      const response = await board(`/api/queues?activeQueue=${options.queueName}&status=waiting&page=1&jobsPerPage=10`, cookie);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        queues: { name: string; description: string; counts: Record<string, number>; jobs: unknown[] }[];
      };
      const queue = body.queues.find((q) => q.name === options.queueName);
      expect(queue?.counts.waiting).toBe(1);
      return queue!;
    });
    expect(shown.jobs).toHaveLength(1);
    expect(shown.description).toContain(backend === 'PostgreSQL' ? "BullMQ's PostgreSQL backend" : 'Webhook deliveries');
  });

  it('refuses a tampered cookie and one whose key was revoked, and signs out', async () => {
    const operator = await keys.create('operator', ['admin']);
    const cookie = cookieOf(await openSession(operator.key));
    expect((await board('/api/queues', cookie)).status).toBe(200);
    expect((await board('/api/queues', cookie.slice(0, -2) + 'xx')).status).toBe(401);
    await keys.revoke(operator.id);
    expect((await board('/api/queues', cookie)).status).toBe(401);

    const closed = await app.request('/admin/queues/session', { method: 'DELETE', key: null });
    expect(closed.status).toBe(204);
    expect(closed.headers.get('set-cookie')).toContain('Max-Age=0');
  });
});
