import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type ReceivedWebhook, startTestApp, type TestApp, type TestDatabase, WebhookReceiver } from '@newsledger/testing';
import { Webhook } from 'standardwebhooks';
import {
  callApi,
  alertsApp,
  appendEvent,
  eventually,
  TEST_WEBHOOK_ENV,
  testAlertsOptions,
  uniqueCompany,
  type Json,
} from './support/harness.js';

describe('webhook delivery', () => {
  let db: TestDatabase;
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
    app = await startTestApp(db, alertsApp(testAlertsOptions()), TEST_WEBHOOK_ENV);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
    await db.drop();
  });

  const call = (path: string, init: Parameters<TestApp['request']>[1] = {}) => callApi(app, path, init);
  const subscribe = async (path: string, body: Json = {}) => {
    const created = await call('/v1/subscriptions', { method: 'POST', json: { url: receiver.url(path), event_types: ['*'], ...body } });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };
  const deliveriesOf = async (subscriptionId: string, query = '') =>
    (await call(`/v1/subscriptions/${subscriptionId}/deliveries${query}`)).body.data as Json[];
  const hits = (path: string, count: number) =>
    eventually(`${count} webhooks at ${path}`, () => receiver.at(path).length >= count && receiver.at(path));
  const verify = (secret: string, hit: ReceivedWebhook) =>
    new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>) as Json;

  it('POSTs the Standard Webhooks request of API.md, signed so the standardwebhooks package verifies it', async () => {
    const company = uniqueCompany();
    const subscription = await subscribe('/signed', { filter: { companies: [company] } });
    const event = await appendEvent(db.pool, {
      type: 'acquisition.review_opened',
      companies: [company],
      regions: ['CN'],
      data: { review_id: 'cn-1', jurisdiction: 'CN', regime: 'unspecified' },
    });
    const [hit] = await hits('/signed', 1);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(hit.headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(hit.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(verify(subscription.secret, hit)).toEqual({
      type: 'acquisition.review_opened',
      timestamp: event.recorded_at,
      data: {
        event_id: event.event_id,
        global_position: event.global_position,
        subject: event.subject,
        version: 1,
        occurred_on: null,
        occurred_precision: 'unknown',
        recorded_at: event.recorded_at,
        companies: [company],
        regions: ['CN'],
        payload: { review_id: 'cn-1', jurisdiction: 'CN', regime: 'unspecified' },
        source: event.source,
        confidence: 'reported',
        replay: false,
      },
    });
    expect(Object.keys(JSON.parse(hit.body))).toEqual(['type', 'timestamp', 'data']);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(hit.body, hit.headers as Record<string, string>),
    ).toThrow();
  });

  it('retries a receiver that answers 500 twice: exactly three attempts, one webhook-id, logged in PostgreSQL', async () => {
    const company = uniqueCompany();
    receiver.respond('/flaky', (_hit, index) => (index < 2 ? { status: 500, body: `boom ${index}` } : { status: 204 }));
    const subscription = await subscribe('/flaky', { filter: { companies: [company] } });
    await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
    const [delivery] = await eventually('the delivery to succeed', async () => {
      const data = await deliveriesOf(subscription.id, '?status=succeeded');
      return data.length === 1 && data;
    });
    const attempts = receiver.at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((hit) => hit.headers['webhook-id']))).toEqual(new Set([delivery.message_id]));
    for (const hit of attempts) verify(subscription.secret, hit);
    expect(delivery.attempt_count).toBe(3);
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ status_code: 500, response_excerpt: 'boom 0', error: null, latency_ms: expect.any(Number) }),
      expect.objectContaining({ status_code: 500, response_excerpt: 'boom 1' }),
      expect.objectContaining({ status_code: 204, attempted_at: expect.stringMatching(/Z$/) }),
    ]);
    // Retries keep to the 100ms,200ms schedule (±20 %) rather than firing at once.
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(80);
    expect(attempts[2].receivedAt - attempts[1].receivedAt).toBeGreaterThanOrEqual(160);
  });

  it('sends a subscription filtered to acquisition.* and a company only those events', async () => {
    const [company, other] = [uniqueCompany(), uniqueCompany()];
    await subscribe('/filtered', { event_types: ['acquisition.*'], filter: { companies: [company] } });
    const wanted = [
      await appendEvent(db.pool, { type: 'acquisition.announced', companies: [company, other] }),
      await appendEvent(db.pool, { type: 'acquisition.review_opened', companies: [company] }),
    ];
    await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
    await appendEvent(db.pool, { type: 'acquisition.announced', companies: [other] });
    const marker = await appendEvent(db.pool, { type: 'acquisition.completed', companies: [company] });
    await hits('/filtered', 3);
    const ids = receiver.at('/filtered').map((hit) => JSON.parse(hit.body).data.event_id);
    expect(ids.sort()).toEqual([...wanted.map((e) => e.event_id), marker.event_id].sort());
  });

  it('filters on review jurisdictions (remembered from the review opening) and minimum confidence', async () => {
    const company = uniqueCompany();
    await subscribe('/cn-confirmed', { filter: { companies: [company], jurisdictions: ['CN'], min_confidence: 'confirmed' } });
    const subject = `acquisition:t-${company.slice(10)}`;
    await appendEvent(db.pool, {
      type: 'acquisition.review_opened',
      subject,
      companies: [company],
      confidence: 'official',
      data: { review_id: 'cn-1', jurisdiction: 'CN' },
    });
    await appendEvent(db.pool, {
      type: 'acquisition.review_opened',
      subject,
      companies: [company],
      confidence: 'official',
      data: { review_id: 'gb-1', jurisdiction: 'GB' },
    });
    await appendEvent(db.pool, {
      type: 'acquisition.review_decided',
      subject,
      companies: [company],
      confidence: 'rumor',
      data: { review_id: 'cn-1', outcome: 'cleared' },
    });
    await appendEvent(db.pool, {
      type: 'acquisition.review_decided',
      subject,
      companies: [company],
      confidence: 'confirmed',
      data: { review_id: 'cn-1', outcome: 'cleared' },
    });
    await hits('/cn-confirmed', 2);
    await appendEvent(db.pool, {
      type: 'acquisition.review_decided',
      subject,
      companies: [company],
      confidence: 'official',
      data: { review_id: 'gb-1', outcome: 'cleared' },
    });
    const marker = await appendEvent(db.pool, {
      type: 'acquisition.review_opened',
      subject,
      companies: [company],
      confidence: 'official',
      data: { review_id: 'cn-2', jurisdiction: 'CN' },
    });
    await hits('/cn-confirmed', 3);
    const got = receiver.at('/cn-confirmed').map((hit) => JSON.parse(hit.body).data);
    expect(got.map((d) => [d.payload.review_id, d.confidence])).toEqual([
      ['cn-1', 'official'],
      ['cn-1', 'confirmed'],
      ['cn-2', 'official'],
    ]);
    expect(got[2].event_id).toBe(marker.event_id);
  });

  it('disables a subscription at once on 410, tells subscription.* subscribers, and resumes after enable + retry', async () => {
    const company = uniqueCompany();
    let gone = true;
    receiver.respond('/gone', () => ({ status: gone ? 410 : 200 }));
    const subscription = await subscribe('/gone', { filter: { companies: [company] } });
    const watcher = await subscribe('/ops', { event_types: ['subscription.*'] });
    await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });

    const disabled = await eventually('the subscription to be disabled', async () => {
      const { body } = await call(`/v1/subscriptions/${subscription.id}`);
      return body.status === 'disabled' && body;
    });
    expect(disabled.disabled_reason).toContain('410');
    const [notice] = await eventually(
      'the subscription.disabled notice',
      () => receiver.at('/ops').find((hit) => JSON.parse(hit.body).data.subscription_id === subscription.id) && receiver.at('/ops'),
    );
    expect(verify(watcher.secret, notice)).toMatchObject({
      type: 'subscription.disabled',
      data: { subscription_id: subscription.id, url: receiver.url('/gone'), reason: expect.stringContaining('410') },
    });
    const [dead] = await deliveriesOf(subscription.id, '?status=dead');
    expect(dead.attempts).toHaveLength(1);
    expect(receiver.at('/gone')).toHaveLength(1);

    expect((await call(`/v1/deliveries/${dead.id}/retry`, { method: 'POST' })).status).toBe(409);
    expect((await call(`/v1/subscriptions/${subscription.id}/test`, { method: 'POST' })).status).toBe(409);
    gone = false;
    expect((await call(`/v1/subscriptions/${subscription.id}/enable`, { method: 'POST' })).body.status).toBe('active');
    const retried = await call(`/v1/deliveries/${dead.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('pending');
    await hits('/gone', 2);
    expect(receiver.at('/gone')[1].headers['webhook-id']).toBe(dead.message_id);
    await eventually(
      'the retried delivery to succeed',
      async () => (await deliveriesOf(subscription.id, '?status=succeeded')).length === 1,
    );
  });

  it('marks a delivery dead when its retries run out, and POST /v1/deliveries/{id}/retry sends it again', async () => {
    const company = uniqueCompany();
    let failing = true;
    receiver.respond('/down', () => ({ status: failing ? 503 : 200 }));
    const subscription = await subscribe('/down', { filter: { companies: [company] } });
    await appendEvent(db.pool, { type: 'signal.policy_announced', companies: [company] });
    const [dead] = await eventually('the delivery to die', () =>
      deliveriesOf(subscription.id, '?status=dead').then((d) => d.length === 1 && d),
    );
    expect(dead.attempts.map((a: Json) => a.status_code)).toEqual([503, 503, 503]);
    expect((await call(`/v1/subscriptions/${subscription.id}`)).body.status).toBe('active');
    expect((await call(`/v1/deliveries/${dead.id}/retry`, { method: 'POST' })).status).toBe(202);
    failing = false;
    await eventually('the retry to succeed', () => deliveriesOf(subscription.id, '?status=succeeded').then((d) => d.length === 1));
    expect((await call(`/v1/deliveries/${dead.id}/retry`, { method: 'POST' })).status).toBe(409);
  });

  it('signs with both secrets during a rotation, each verifying on its own', async () => {
    const company = uniqueCompany();
    const subscription = await subscribe('/rotated', { filter: { companies: [company] } });
    const { body: rotated } = await call(`/v1/subscriptions/${subscription.id}/rotate-secret`, { method: 'POST' });
    await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
    const [hit] = await hits('/rotated', 1);
    const signatures = String(hit.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    for (const [secret, signature] of [
      [rotated.secret, signatures[0]],
      [subscription.secret, signatures[1]],
    ]) {
      expect(verify(secret, { ...hit, headers: { ...hit.headers, 'webhook-signature': signature } })).toMatchObject({
        type: 'listing.filed',
      });
    }
  });

  it('sends a subscription.test message on demand', async () => {
    const subscription = await subscribe('/test', { event_types: ['acquisition.*'] });
    const sent = await call(`/v1/subscriptions/${subscription.id}/test`, { method: 'POST' });
    expect(sent.status).toBe(202);
    const [hit] = await hits('/test', 1);
    expect(hit.headers['webhook-id']).toBe(sent.body.message_id);
    expect(verify(subscription.secret, hit)).toMatchObject({
      type: 'subscription.test',
      data: { subscription_id: subscription.id, replay: false },
    });
  });

  it('exposes delivery outcomes, latencies and the queue depth as metrics', async () => {
    const scrape = await (await app.request('/metrics', { key: null })).text();
    expect(scrape).toMatch(/webhook_deliveries_total\{outcome="succeeded"\} \d+/);
    expect(scrape).toMatch(/webhook_deliveries_total\{outcome="dead"\} \d+/);
    expect(scrape).toContain('webhook_delivery_duration_seconds_bucket');
    expect(scrape).toMatch(/webhook_end_to_end_seconds_count \d+/);
    expect(scrape).toMatch(/webhook_queue_depth\{queue="webhooks-test-[0-9a-f]+",state="waiting"\} \d+/);
  });
});
