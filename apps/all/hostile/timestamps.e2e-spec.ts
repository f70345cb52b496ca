import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStore } from '@newsledger/event-store';
import { canonicalJson } from '@newsledger/domain';
import { createTestDatabase, eventually, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import fc from 'fast-check';
import { allApp } from '../all.app.js';
import { expectProblem, expectRefused, firstLiveEvent, logHead, registerCompany, source, type Body } from './support.js';

// Issue 10, item 1: whatever is accepted can be read back, forever. A timestamp or date outside
// 1900–2200 (or a recorded_at in the future) is refused at the edge; a value stored before the edge
// bounded it still reads.
describe('hostile input: timestamps and dates', () => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp(db, allApp, { WEBHOOK_ALLOW_HTTP: 'true' });
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  const post = (body: unknown) => api.request('/v1/events', { method: 'POST', json: body });
  const get = async (path: string) => {
    const response = await api.request(path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as Body;
  };
  let n = 0;
  const slug = () => `ts-${process.pid}-${n++}`;

  it.each([
    ['year 0001 with an offset (the repro that stopped every reader)', '0001-01-01T00:00:00+01:00'],
    ['year 9999', '9999-12-31T00:00:00Z'],
    ['before 1900 once the offset counts', '1900-01-01T00:30:00+01:00'],
    ['an hour in the future', () => new Date(Date.now() + 3_600_000).toISOString()],
    ['not a calendar instant', '2026-02-30T00:00:00Z'],
  ])('refuses recorded_at %s with a 400 problem, writing nothing', async (_name, value) => {
    const recorded_at = typeof value === 'function' ? value() : value;
    const problem = await expectRefused(db, () => post(registerCompany(slug(), { recorded_at })), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/recorded_at' })]);
  });

  it('accepts recorded_at a little ahead (clock skew) and in the past within range', async () => {
    for (const recorded_at of [new Date(Date.now() + 60_000).toISOString(), '1900-01-01T00:00:00.000Z']) {
      const response = await post(registerCompany(slug(), { recorded_at }));
      expect(response.status).toBe(201);
      expect(((await response.json()) as Body).recorded_at).toBe(recorded_at);
    }
  });

  it('reads a row stored before timestamps were bounded (year 1 BC) instead of failing every reader', async () => {
    const subject = `company:${slug()}`;
    await new EventStore(db.pool).append(subject, [
      {
        event_id: randomUUID(),
        type: 'company.registered',
        schema_version: 1,
        data: { display_name: 'LEGACY' },
        source,
        companies: [subject],
        regions: [],
        occurred_on: null,
        occurred_precision: 'unknown',
        correlation_id: null,
        recorded_at: '0001-01-01T00:00:00+01:00',
      },
    ], 'any');
    // The log shows an event once every older transaction has ended (its horizon).
    await eventually(async () => {
      const log = await get(`/v1/events?subject=${subject}`);
      expect(log.data).toEqual([expect.objectContaining({ subject, recorded_at: expect.stringMatching(/BC$/) })]);
    });
    await get(`/v1/subjects/${subject}/events`);
    await get('/v1/events?limit=500');
  });

  it.each([
    ['replay since year 0001', '/v1/subscriptions/{id}/replay', { since: '0001-01-01T00:00:00Z' }],
    ['replay until 9999', '/v1/subscriptions/{id}/replay', { until: '9999-01-01T00:00:00Z' }],
  ])('refuses %s with a 400 problem', async (_name, path, body) => {
    const created = await api.request('/v1/subscriptions', { method: 'POST', json: { url: 'http://93.184.215.14/hook', event_types: ['*'] } });
    const { id } = (await created.json()) as Body;
    await expectProblem(await api.request(path.replace('{id}', id), { method: 'POST', json: body }), 400);
  });

  it.each([
    '/v1/listings?from=2026-02-30',
    '/v1/listings?to=0000-01-01',
    '/v1/listings/stats?from=1899-12-31',
    '/v1/acquisitions?as_of=0000-01-01T00:00:00Z',
    '/v1/acquisitions?valid_at=2026-13-01',
    '/v1/companies/zhipu?as_of=9999-12-31',
    '/v1/companies/zhipu/timeline?valid_at=2201-01-01',
    '/v1/rules?as_of=2026-02-29T00:00:00Z',
    '/v1/events?after=99999999999999999999',
  ])('answers %s with a 400 problem', async (path) => {
    await expectProblem(await api.request(path), 400);
  });

  // The property: an envelope with values at the edges of their types is either refused (a 4xx
  // problem, the log unchanged) or accepted and then read back identical from the log, the live
  // stream and the projection.
  const edgeTimestamp = fc.oneof(
    fc.constantFrom(
      '1900-01-01T00:00:00Z',
      '1899-12-31T23:59:59.999Z',
      '1900-01-01T00:30:00+01:00',
      '2200-12-31T23:59:59Z',
      '2201-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00+01:00',
      '9999-12-31T23:59:59Z',
      '2026-02-29T00:00:00Z',
      '2024-02-29T12:00:00-12:00',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:00:00',
    ),
    fc.date({ min: new Date(Date.UTC(1850, 0, 1)), max: new Date(Date.now() + 86_400_000), noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const edgeDate = fc.oneof(
    { arbitrary: fc.constantFrom('1900-01-01', '2024-02-29', '2025-12-31', null), weight: 2 },
    { arbitrary: fc.constantFrom('1899-12-31', '2200-12-31', '2201-01-01', '0000-01-01', '2026-02-30', '2026-1-1'), weight: 1 },
  );
  const edgeText = fc.oneof(
    { arbitrary: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), weight: 2 },
    { arbitrary: fc.constantFrom('a\u0000b', '\ud800', 'x\udfff', '😀', '智谱', ' ', '', 'x'.repeat(2000)), weight: 1 },
  );
  const envelope = fc.record({
    recorded_at: fc.option(edgeTimestamp, { nil: undefined }),
    occurred_on: edgeDate,
    published_at: fc.option(edgeDate, { nil: null }),
    display_name: edgeText,
    extra_key: fc.option(fc.constantFrom('plain', 'nul\u0000key', '\ud83d'), { nil: undefined }),
  });

  const ACCEPTED_AT_THE_EDGES = {
    recorded_at: '1900-01-01T00:00:00Z',
    occurred_on: '2024-02-29' as const,
    published_at: '1900-01-01' as const,
    display_name: '智谱',
    extra_key: undefined,
  };

  it('either refuses an edge envelope with a 4xx problem and writes nothing, or reads it back identical', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(envelope, async (edge) => {
        const subject = `company:${slug()}`;
        const body: Body = {
          ...registerCompany(subject.slice('company:'.length)),
          occurred_on: edge.occurred_on,
          occurred_precision: edge.occurred_on === null ? 'unknown' : 'day',
          source: { ...source, published_at: edge.published_at },
          data: { display_name: edge.display_name, ...(edge.extra_key ? { [edge.extra_key]: 1 } : {}) },
          ...(edge.recorded_at !== undefined ? { recorded_at: edge.recorded_at } : {}),
        };
        const before = await logHead(db);
        const response = await post(body);
        if (response.status >= 400) {
          expect(response.status).toBeLessThan(500);
          await expectProblem(response, response.status);
          expect(await logHead(db)).toBe(before);
          return;
        }
        expect(response.status).toBe(201);
        accepted++;
        const shown = await eventually(async () => {
          const [event] = (await get(`/v1/events?subject=${subject}`)).data as Body[];
          expect(event).toBeDefined();
          return event;
        });
        expect(canonicalJson(shown.data)).toBe(canonicalJson(body.data));
        expect(canonicalJson(shown.source)).toBe(canonicalJson(body.source));
        expect(shown.occurred_on).toBe(body.occurred_on);
        if (body.recorded_at) expect(Date.parse(shown.recorded_at)).toBe(Date.parse(body.recorded_at));
        expect(await firstLiveEvent(api.baseUrl, api.adminKey, `after=0&subject=${subject}`)).toEqual(shown);
        const company = await eventually(async () => {
          const response = await api.request(`/v1/companies/${subject}`);
          expect(response.status).toBe(200);
          return (await response.json()) as Body;
        });
        expect(company.display_name).toBe(body.data.display_name);
      }),
      // About one generated envelope in ten is accepted, so a run could draw none (CI did once): an
      // envelope valid at every edge goes first, and the read-back side is always exercised.
      { numRuns: 60, examples: [[ACCEPTED_AT_THE_EDGES]] },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
