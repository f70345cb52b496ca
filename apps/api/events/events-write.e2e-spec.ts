import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '@newsledger/platform';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { apiApp } from '../api.app.js';

const seed = readFileSync(path.join(PROJECT_ROOT, 'data/seed-article.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Record<string, unknown>);

const source = { source_id: 'src:test', publisher: 'Test Wire', genre: 'news', published_at: '2026-02-11', language: 'en', confidence: 'reported' };

function registerCompany(slug: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'company.registered',
    subject: `company:${slug}`,
    occurred_on: '2026-02-11',
    occurred_precision: 'day',
    data: { display_name: slug.toUpperCase() },
    source,
    ...extra,
  };
}

describe('POST /v1/events and /v1/events/batch', () => {
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

  const eventCount = async () => Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count);
  const post = (body: unknown, init: { key?: string | null; headers?: Record<string, string> } = {}) =>
    api.request('/v1/events', { method: 'POST', json: body, ...init });

  /** Every rejected request answers problem+json and leaves the log as it was. */
  async function expectRejected(request: Promise<Response>, status: number) {
    const before = await eventCount();
    const response = await request;
    const problem = (await response.json()) as Record<string, unknown>;
    expect({ status: response.status, problem }).toMatchObject({ status });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
    expect(await eventCount()).toBe(before);
    return problem;
  }

  it('records the seed article through the API with no rejection', async () => {
    for (const event of seed) {
      const response = await post(event);
      expect(response.status).toBe(201);
    }
    expect(await eventCount()).toBe(seed.length);
  });

  it('answers a re-post of the same event with 200 and the original result', async () => {
    const response = await post(seed[0]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ event_id: seed[0].event_id, subject: 'company:zhipu', version: 1, warnings: expect.any(Array) });
    expect(await eventCount()).toBe(seed.length);
  });

  it('returns positions, version and warnings for unknown data fields kept verbatim', async () => {
    const response = await post(registerCompany('acme', { data: { display_name: 'Acme', founded_by_note: 'two engineers', mascot: 'fox' } }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { version: number; global_position: number; recorded_at: string; warnings: { path: string }[] };
    expect(body.version).toBe(1);
    expect(body.global_position).toBeGreaterThan(0);
    expect(new Date(body.recorded_at).toISOString()).toBe(body.recorded_at);
    expect(body.warnings.map((w) => w.path)).toContain('/data/mascot');
  });

  it('treats an Idempotency-Key like an event id', async () => {
    const headers = { 'idempotency-key': `order-${randomUUID()}` };
    const first = await post(registerCompany('idem-co'), { headers });
    expect(first.status).toBe(201);
    const again = await post(registerCompany('idem-co'), { headers });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { event_id: string }).event_id).toBe(((await first.json()) as { event_id: string }).event_id);
    await expectRejected(post(registerCompany('idem-co', { data: { display_name: 'Other' } }), { headers }), 409);
  });

  it('400: malformed JSON', async () => {
    await expectRejected(api.request('/v1/events', { method: 'POST', body: '{"type":', headers: { 'content-type': 'application/json' } }), 400);
  });

  it('400: a schema failure lists each path', async () => {
    const problem = await expectRejected(post({ type: 'company.registered', subject: 'company:Bad Slug', data: {}, source: {} }), 400);
    const paths = (problem.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/subject']));
    expect(paths.some((p) => p.startsWith('/source'))).toBe(true);
  });

  it('401 without a key, 403 with a key lacking events:write', async () => {
    await expectRejected(post(registerCompany('nokey'), { key: null }), 401);
    const reader = (await (await api.request('/v1/api-keys', { method: 'POST', json: { name: 'r', scopes: ['read'] } })).json()) as { key: string };
    await expectRejected(post(registerCompany('reader-co'), { key: reader.key }), 403);
  });

  it('409: a stale expected_version carries the current version', async () => {
    const problem = await expectRejected(post({ ...registerCompany('zhipu'), event_id: randomUUID(), expected_version: 0 }), 409);
    expect(problem.current_version).toBe(1);
  });

  it('409: a broken rule names the rule, the current state and the events', async () => {
    const problem = await expectRejected(
      post({
        type: 'listing.withdrawn',
        subject: 'listing:zhipu-xhkg-2026',
        occurred_on: '2026-02-12',
        occurred_precision: 'day',
        data: { reason: 'market conditions' },
        source,
      }),
      409,
    );
    expect(problem.code).toEqual(expect.stringContaining('listing'));
    expect(problem.rule).toEqual(expect.any(String));
    expect(JSON.stringify(problem.current_state)).toContain('trading');
    expect(problem.events).toEqual(expect.any(Array));
  });

  it('409: the same event id with a different body', async () => {
    await expectRejected(post({ ...seed[0], data: { ...(seed[0].data as object), display_name: 'Changed' } }), 409);
  });

  it('413: an event over 256 KB', async () => {
    await expectRejected(post(registerCompany('huge', { data: { display_name: 'Huge', blob_note: 'x'.repeat(300 * 1024) } })), 413);
  });

  it('422: a type the catalog does not know, or of another aggregate', async () => {
    await expectRejected(post({ ...registerCompany('typo'), type: 'company.teleported' }), 422);
    await expectRejected(post({ ...registerCompany('wrong'), type: 'listing.filed' }), 422);
  });

  it('422: a meta-event whose target is not in the stream', async () => {
    await expectRejected(
      post({
        type: 'fact.retracted',
        subject: 'company:zhipu',
        occurred_on: null,
        occurred_precision: 'unknown',
        data: { target_event_id: seed[1].event_id, reason: 'duplicate' },
        source,
      }),
      422,
    );
  });

  it('keeps recorded_at only for admin keys', async () => {
    const writer = (await (await api.request('/v1/api-keys', { method: 'POST', json: { name: 'w', scopes: ['events:write'] } })).json()) as { key: string };
    const backfill = '2026-01-05T10:00:00.000Z';
    const byAdmin = (await (await post(registerCompany('backfilled', { recorded_at: backfill }))).json()) as { recorded_at: string };
    expect(byAdmin.recorded_at).toBe(backfill);
    const byWriter = (await (await post(registerCompany('not-backfilled', { recorded_at: backfill }), { key: writer.key })).json()) as { recorded_at: string };
    expect(byWriter.recorded_at).not.toBe(backfill);
  });

  it('batch: all or nothing, the problem names the failing index', async () => {
    const events = [registerCompany('batch-a'), registerCompany('batch-b'), { ...registerCompany('batch-c'), type: 'company.unknown' }];
    const problem = await expectRejected(api.request('/v1/events/batch', { method: 'POST', json: { events } }), 422);
    expect(problem.index).toBe(2);
    const ok = await api.request('/v1/events/batch', { method: 'POST', json: { events: events.slice(0, 2) } });
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { results: { subject: string; version: number }[] };
    expect(body.results.map((r) => r.subject)).toEqual(['company:batch-a', 'company:batch-b']);
  });

  it('batch: marks the results of events already in the log with duplicate: true, and only those', async () => {
    const known = { ...registerCompany('batch-known'), event_id: randomUUID() };
    expect((await post(known)).status).toBe(201);
    const response = await api.request('/v1/events/batch', { method: 'POST', json: { events: [registerCompany('batch-fresh'), known] } });
    expect(response.status).toBe(201);
    const { results } = (await response.json()) as { results: Record<string, unknown>[] };
    expect(results[0]).not.toHaveProperty('duplicate');
    expect(results[1]).toMatchObject({ event_id: known.event_id, version: 1, duplicate: true });
  });

  it('batch: refuses an empty or oversized batch and a body that is not { events }', async () => {
    await expectRejected(api.request('/v1/events/batch', { method: 'POST', json: { events: [] } }), 400);
    await expectRejected(api.request('/v1/events/batch', { method: 'POST', json: [registerCompany('x')] }), 400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => registerCompany(`many-${i}`));
    await expectRejected(api.request('/v1/events/batch', { method: 'POST', json: { events: tooMany } }), 400);
  });
});
