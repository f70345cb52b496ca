import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase, WebhookReceiver } from '@newsledger/testing';
import { replaySubscription } from '../src/index.js';
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

describe('replay', () => {
  let db: TestDatabase;
  let app: TestApp;
  let receiver: WebhookReceiver;
  const options = testAlertsOptions();

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
    app = await startTestApp(db, alertsApp(options), TEST_WEBHOOK_ENV);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
    await db.drop();
  });

  const call = (path: string, init: Parameters<TestApp['request']>[1] = {}) => callApi(app, path, init);
  const bodies = (path: string) => receiver.at(path).map((hit) => ({ id: hit.headers['webhook-id'], ...JSON.parse(hit.body) }) as Json);

  /** A subscription to one company's acquisitions, its live deliveries done, and events it must not get. */
  async function deliveredHistory(path: string) {
    const [company, other] = [uniqueCompany(), uniqueCompany()];
    const { body: subscription } = await call('/v1/subscriptions', {
      method: 'POST',
      json: { url: receiver.url(path), event_types: ['acquisition.*'], filter: { companies: [company] } },
    });
    const matching = [
      await appendEvent(db.pool, { type: 'acquisition.announced', companies: [company] }),
      await appendEvent(db.pool, { type: 'acquisition.review_opened', companies: [company] }),
      await appendEvent(db.pool, { type: 'acquisition.completed', companies: [company] }),
    ];
    await appendEvent(db.pool, { type: 'listing.filed', companies: [company] });
    await appendEvent(db.pool, { type: 'acquisition.announced', companies: [other] });
    await eventually('the live deliveries', () => receiver.at(path).length === 3);
    return { subscription, matching };
  }

  it('re-delivers exactly the matching past events, with their original webhook-ids and replay: true', async () => {
    const { subscription, matching } = await deliveredHistory('/replayed');
    const live = bodies('/replayed');
    expect(live.every((b) => b.data.replay === false)).toBe(true);

    const started = await call(`/v1/subscriptions/${subscription.id}/replay`, { method: 'POST', json: {} });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ replay_id: expect.any(String), matched: 3 });

    const progress = await eventually('the replay to complete', async () => {
      const { body } = await call(`/v1/replays/${started.body.replay_id}`);
      return body.status === 'completed' && body.deliveries.succeeded === 3 && body;
    });
    expect(progress).toMatchObject({ subscription_id: subscription.id, matched: 3, enqueued: 3, progress: 1 });

    const replayed = bodies('/replayed').slice(3);
    expect(replayed.map((b) => b.data.event_id).sort()).toEqual(matching.map((e) => e.event_id).sort());
    expect(replayed.every((b) => b.data.replay === true)).toBe(true);
    const liveIds = new Map(live.map((b) => [b.data.event_id, b.id]));
    for (const b of replayed) expect(b.id).toBe(liveIds.get(b.data.event_id));

    const { body: listed } = await call(`/v1/subscriptions/${subscription.id}/deliveries?status=succeeded`);
    expect(listed.data.filter((d: Json) => d.replay_id === started.body.replay_id)).toHaveLength(3);
  });

  it('narrows a replay by event type and position', async () => {
    const { subscription, matching } = await deliveredHistory('/narrowed');
    const byType = await call(`/v1/subscriptions/${subscription.id}/replay`, {
      method: 'POST',
      json: { event_types: ['acquisition.review_opened'] },
    });
    expect(byType.body.matched).toBe(1);
    const byPosition = await call(`/v1/subscriptions/${subscription.id}/replay`, {
      method: 'POST',
      json: { from_position: matching[2].global_position },
    });
    expect(byPosition.body.matched).toBe(1);
    await eventually('both replays to be delivered', () => receiver.at('/narrowed').length === 5);
    expect(
      bodies('/narrowed')
        .slice(3)
        .map((b) => b.type)
        .sort(),
    ).toEqual(['acquisition.completed', 'acquisition.review_opened']);
    const bad = await call(`/v1/subscriptions/${subscription.id}/replay`, {
      method: 'POST',
      json: { since: 'yesterday', until: '2026-01-01T00:00:00Z' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.path)).toEqual(['/since']);
  });

  it('runs from the CLI entry point with progress', async () => {
    const { subscription } = await deliveredHistory('/cli');
    const seen: number[] = [];
    const replay = await replaySubscription(
      app.runtime,
      subscription.id,
      { since: '2000-01-01T00:00:00Z' },
      {
        options,
        onProgress: (progress) => seen.push(progress.enqueued),
      },
    );
    expect(replay).toMatchObject({ status: 'completed', matched: 3 });
    expect(seen.at(-1)).toBe(3);
    await eventually('the CLI replay to be delivered', () => receiver.at('/cli').length === 6);
    await expect(replaySubscription(app.runtime, '00000000-0000-4000-8000-000000000000', {}, { options })).rejects.toThrow(
      /No subscription/,
    );
  });
});
