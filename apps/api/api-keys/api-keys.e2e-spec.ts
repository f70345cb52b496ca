import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { apiApp } from '../api.app.js';

describe('API keys and the HTTP platform', () => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp(db, apiApp);
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  const expectProblem = async (response: Response, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:newsledger:problem:/), title: expect.any(String) });
    return body;
  };

  it('answers a protected route without a key with a 401 problem', async () => {
    await expectProblem(await api.request('/v1/api-keys', { key: null }), 401);
  });

  it('answers an unknown key with a 401 problem', async () => {
    await expectProblem(await api.request('/v1/api-keys', { key: 'nlk_not-a-key' }), 401);
  });

  it('answers an unknown route with a 404 problem', async () => {
    await expectProblem(await api.request('/v1/no-such-thing'), 404);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await api.request('/v1/api-keys', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    await expectProblem(response, 400);
  });

  it('creates a scoped key once, stores only its hash, and refuses it a scope it lacks', async () => {
    const created = await api.request('/v1/api-keys', { method: 'POST', json: { name: 'reader', scopes: ['read'] } });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; key: string; scopes: string[] };
    expect(key.scopes).toEqual(['read']);
    const { rows } = await db.pool.query('SELECT key_hash FROM api_keys WHERE id = $1', [key.id]);
    expect(rows[0].key_hash).not.toContain(key.key);

    const forbidden = await expectProblem(await api.request('/v1/api-keys', { key: key.key }), 403);
    expect(forbidden.detail).toContain('admin');

    const listed = (await (await api.request('/v1/api-keys')).json()) as { data: Record<string, unknown>[] };
    expect(listed.data.map((k) => k.name)).toContain('reader');
    expect(listed.data.every((k) => !('key' in k) && !('key_hash' in k))).toBe(true);

    // Any key may ask which key it is (the workspace shows only what its scopes allow).
    const current = await api.request('/v1/api-keys/current', { key: key.key });
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ id: key.id, name: 'reader', scopes: ['read'] });
    await expectProblem(await api.request('/v1/api-keys/current', { key: null }), 401);

    expect((await api.request(`/v1/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await api.request('/v1/api-keys', { key: key.key }), 401);
    await expectProblem(await api.request(`/v1/api-keys/${key.id}`, { method: 'DELETE' }), 404);
  });

  it('lists each invalid field of a bad body', async () => {
    const body = await expectProblem(await api.request('/v1/api-keys', { method: 'POST', json: { scopes: ['root'] } }), 400);
    const paths = (body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/name', '/scopes/0']));
  });

  it('echoes a sane x-request-id and replaces a hostile one', async () => {
    const kept = await api.request('/health/live', { headers: { 'x-request-id': 'trace-42' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-42');
    const replaced = await api.request('/health/live', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports ready when PostgreSQL and the queue store answer', async () => {
    const response = await api.request('/health/ready', { key: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { info: Record<string, { status: string }> };
    expect(body.info.postgres.status).toBe('up');
    expect(Object.keys(body.info)).toEqual(expect.arrayContaining([expect.stringMatching(/^queue_(redis|postgres)$/)]));
  });

  it('serves Prometheus metrics and the OpenAPI document without a key', async () => {
    await api.request('/health/live', { key: null });
    const scrape = await (await api.request('/metrics', { key: null })).text();
    expect(scrape).toContain('http_request_duration_seconds_bucket');
    const document = (await (await api.request('/docs/openapi.json', { key: null })).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/api-keys', '/v1/api-keys/{id}', '/health/ready']));
  });
});
