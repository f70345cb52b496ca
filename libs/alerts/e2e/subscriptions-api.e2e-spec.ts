import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiKeysRepository } from '@newsledger/platform';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { callApi, alertsApp, testAlertsOptions, type Json } from './support/harness.js';

describe('subscriptions API', () => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The production URL rules except plain http, so public-looking test URLs need no TLS.
    api = await startTestApp(db, alertsApp(testAlertsOptions(), ['api']), { WEBHOOK_ALLOW_HTTP: 'true' });
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  const call = (path: string, init: Parameters<TestApp['request']>[1] = {}) => callApi(api, path, init);
  const create = (json: Json) => call('/v1/subscriptions', { method: 'POST', json });
  const valid = { url: 'https://93.184.215.14/hooks', event_types: ['acquisition.*'] };

  it('creates a subscription and shows its whsec_ secret (32 random bytes) only then', async () => {
    const created = await create({ ...valid, description: 'deals', filter: { companies: ['meta'], min_confidence: 'reported' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: valid.url,
      description: 'deals',
      event_types: ['acquisition.*'],
      filter: { companies: ['company:meta'], regions: [], jurisdictions: [], min_confidence: 'reported' },
      status: 'active',
      disabled_reason: null,
    });
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(Buffer.from(created.body.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);

    const shown = await call(`/v1/subscriptions/${created.body.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('secret');
    expect(shown.body.id).toBe(created.body.id);
  });

  it('refuses a subscription to http://127.0.0.1/ with a 422 problem when WEBHOOK_ALLOW_PRIVATE is off', async () => {
    const refused = await create({ url: 'http://127.0.0.1/', event_types: ['*'] });
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([{ path: '/url', message: expect.stringContaining('loopback') }]);
  });

  it.each([
    ['a name resolving to loopback', 'https://localhost/hook', 'loopback'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['a private network', 'https://10.1.2.3/hook', 'private'],
    ['CGNAT', 'https://100.64.0.1/hook', 'carrierGradeNat'],
    ['IPv6 unique-local', 'https://[fd00::1]/hook', 'uniqueLocal'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['NAT64 of a private address', 'https://[64:ff9b::a00:1]/hook', 'private (10.0.0.1 in NAT64)'],
    // Regressions (issue 10): IPv4-compatible literals, which WHATWG URLs rewrite to hex, slipped through.
    ['IPv4-compatible metadata', 'http://[::169.254.169.254]/', 'linkLocal (169.254.169.254 in IPv4-compatible)'],
    ['IPv4-compatible loopback', 'https://[::127.0.0.1]/hook', 'loopback (127.0.0.1 in IPv4-compatible)'],
    ['IPv4-compatible in hex', 'https://[::a9fe:a9fe]/hook', 'linkLocal'],
    ['6to4 of metadata', 'https://[2002:a9fe:a9fe::1]/hook', 'linkLocal (169.254.169.254 in 6to4)'],
    ['Teredo of metadata', 'https://[2001:0:5db8:d70e::5601:5601]/hook', 'linkLocal (169.254.169.254 in Teredo)'],
  ])('refuses %s (422)', async (_name, url, range) => {
    const refused = await create({ url, event_types: ['*'] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toContain(range);
  });

  it('answers a malformed body with a 400 problem listing each bad path', async () => {
    const bad = await create({ url: 'not a url', event_types: [], filter: { min_confidence: 'maybe', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.path)).toEqual(
      expect.arrayContaining(['/url', '/event_types', '/filter/min_confidence', '/filter']),
    );
  });

  it('answers an event type nothing has with a 422 naming it', async () => {
    const unknown = await create({ ...valid, event_types: ['acquisition.*', 'acquisition.exploded', 'weather.*'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: Json) => e.path)).toEqual(['/event_types/1', '/event_types/2']);
  });

  it('pages the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await create({ ...valid, description: `page-${i}` });
    const first = await call('/v1/subscriptions?limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const seen = [...first.body.data];
    let cursor = first.body.next_cursor;
    while (cursor) {
      const page = await call(`/v1/subscriptions?limit=2&cursor=${cursor}`);
      seen.push(...page.body.data);
      cursor = page.body.next_cursor;
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect(seen.map((s) => s.description)).toEqual(expect.arrayContaining(['page-0', 'page-1', 'page-2']));
    expect((await call('/v1/subscriptions?limit=501')).status).toBe(400);
    expect((await call('/v1/subscriptions?cursor=bogus')).status).toBe(400);
  });

  it('patches, rotates the secret, pauses, enables and deletes; unknown ids are 404 problems', async () => {
    const { body: created } = await create(valid);
    const patched = await call(`/v1/subscriptions/${created.id}`, {
      method: 'PATCH',
      json: { description: null, filter: { regions: ['cn'] } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: null, url: valid.url, filter: { regions: ['CN'], companies: [] } });
    expect((await call(`/v1/subscriptions/${created.id}`, { method: 'PATCH', json: {} })).status).toBe(400);
    expect((await call(`/v1/subscriptions/${created.id}`, { method: 'PATCH', json: { url: 'https://192.168.1.1/' } })).status).toBe(422);

    const rotated = await call(`/v1/subscriptions/${created.id}/rotate-secret`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    expect(Date.parse(rotated.body.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    const paused = await call(`/v1/subscriptions/${created.id}/disable`, { method: 'POST' });
    expect(paused.body).toMatchObject({ status: 'disabled', disabled_reason: 'paused through the API' });
    expect((await call(`/v1/subscriptions/${created.id}/test`, { method: 'POST' })).status).toBe(409);
    expect((await call(`/v1/subscriptions/${created.id}/enable`, { method: 'POST' })).body.status).toBe('active');
    expect((await call(`/v1/subscriptions/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const path of [
      `/v1/subscriptions/${created.id}`,
      '/v1/subscriptions/not-a-uuid',
      `/v1/deliveries/${created.id}/retry`,
      `/v1/replays/${created.id}`,
    ]) {
      const missing = await call(path, { method: path.endsWith('retry') ? 'POST' : 'GET' });
      expect(missing.status).toBe(404);
      expect(missing.type).toMatch(/^application\/problem\+json/);
    }
  });

  it('lets a read key view but not change subscriptions', async () => {
    const keys = new ApiKeysRepository(db.pool);
    const reader = (await keys.create('reader', ['read'])).key;
    expect((await call('/v1/subscriptions', { key: reader })).status).toBe(200);
    expect((await call('/v1/subscriptions', { method: 'POST', json: valid, key: reader })).status).toBe(403);
    expect((await call(`/v1/subscriptions/${(await create(valid)).body.id}/disable`, { method: 'POST', key: reader })).status).toBe(403);
    const writer = (await keys.create('writer', ['subscriptions:write'])).key;
    expect((await call('/v1/subscriptions', { method: 'POST', json: valid, key: writer })).status).toBe(201);
  });

  it('refuses an embedded private IPv4 address on update as on creation', async () => {
    const { body: created } = await create(valid);
    const refused = await call(`/v1/subscriptions/${created.id}`, { method: 'PATCH', json: { url: 'https://[::ffff:a9fe:a9fe]/' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toContain('linkLocal');
  });

  it('hides URL credentials and query strings from keys without subscriptions:write', async () => {
    const url = 'https://hook-user:hook-pass@93.184.215.14/hooks?token=t0ps3cret';
    const { body: created } = await create({ url, event_types: ['*'] });
    expect(created.url).toBe(url);
    const reader = (await new ApiKeysRepository(db.pool).create('reader of urls', ['read'])).key;
    const shown = await call(`/v1/subscriptions/${created.id}`, { key: reader });
    expect(shown.body.url).toBe('https://93.184.215.14/hooks');
    const listed = await call('/v1/subscriptions?limit=500', { key: reader });
    expect(JSON.stringify(listed.body)).not.toMatch(/hook-pass|t0ps3cret/);
    expect((await call(`/v1/subscriptions/${created.id}`)).body.url).toBe(url);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const document = await call('/docs/openapi.json', { key: null });
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/subscriptions',
        '/v1/subscriptions/{id}',
        '/v1/subscriptions/{id}/rotate-secret',
        '/v1/subscriptions/{id}/test',
        '/v1/subscriptions/{id}/enable',
        '/v1/subscriptions/{id}/disable',
        '/v1/subscriptions/{id}/replay',
        '/v1/subscriptions/{id}/deliveries',
        '/v1/deliveries/{id}/retry',
        '/v1/replays/{id}',
      ]),
    );
  });
});
