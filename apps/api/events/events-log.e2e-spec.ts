import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, eventually, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { apiApp } from '../api.app.js';

const source = { source_id: 'src:test', publisher: 'Test Wire', genre: 'news', published_at: '2026-02-11', language: 'en', confidence: 'reported' };
const company = (slug: string) => ({
  type: 'company.registered',
  subject: `company:${slug}`,
  occurred_on: '2026-02-11',
  occurred_precision: 'day',
  data: { display_name: slug },
  source,
});
const announced = (slug: string, acquirer: string, target: string) => ({
  type: 'acquisition.announced',
  subject: `acquisition:${slug}`,
  occurred_on: '2026-01-01',
  occurred_precision: 'month',
  data: { acquirer: { company_id: `company:${acquirer}`, name_as_reported: acquirer }, target: { company_id: `company:${target}`, name_as_reported: target } },
  source,
});

/** Reads Server-Sent Events until `count` events arrived, then disconnects. */
async function readLive(api: TestApp, path: string, count: number, headers: Record<string, string> = {}): Promise<number[]> {
  const controller = new AbortController();
  const response = await api.request(path, { headers, signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const ids: number[] = [];
  let buffer = '';
  while (ids.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const frames = buffer.split('\n\n');
    buffer = frames.pop()!;
    for (const frame of frames) {
      const id = /^id: (\d+)$/m.exec(frame);
      if (id && ids.length < count) ids.push(Number(id[1]));
    }
  }
  controller.abort();
  return ids;
}

describe('the log: GET /v1/events, /v1/subjects/{subject}/events, /v1/events/live', () => {
  let db: TestDatabase;
  let api: TestApp;
  const post = (event: unknown) => api.request('/v1/events', { method: 'POST', json: event });

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp(db, apiApp);
    for (const slug of ['alpha', 'beta', 'gamma']) expect((await post(company(slug))).status).toBe(201);
    expect((await post(announced('alpha-beta-2026', 'alpha', 'beta'))).status).toBe(201);
    // The log shows an event once no older transaction in the cluster is still open.
    await eventually(async () => {
      const page = (await (await api.request('/v1/events')).json()) as { data: unknown[] };
      expect(page.data).toHaveLength(4);
    });
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  it('pages through the whole log with next_cursor, in log order', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = (await (await api.request(`/v1/events?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
        data: { subject: string; global_position: number }[];
        next_cursor: string | null;
      };
      seen.push(...page.data.map((e) => e.subject));
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(['company:alpha', 'company:beta', 'company:gamma', 'acquisition:alpha-beta-2026']);
  });

  it('filters by type prefix, subject and company', async () => {
    const byType = (await (await api.request('/v1/events?type=acquisition.')).json()) as { data: { type: string }[] };
    expect(byType.data.map((e) => e.type)).toEqual(['acquisition.announced']);
    const byCompany = (await (await api.request('/v1/events?company=beta')).json()) as { data: { subject: string }[] };
    expect(byCompany.data.map((e) => e.subject)).toEqual(['company:beta', 'acquisition:alpha-beta-2026']);
    const bySubject = (await (await api.request('/v1/events?subject=company:gamma')).json()) as { data: unknown[] };
    expect(bySubject.data).toHaveLength(1);
  });

  it('reads one stream in version order, 404 for an unknown one, 400 for bad parameters', async () => {
    const stream = (await (await api.request('/v1/subjects/company:alpha/events')).json()) as { data: { version: number }[] };
    expect(stream.data.map((e) => e.version)).toEqual([1]);
    expect((await api.request('/v1/subjects/company:nobody/events')).status).toBe(404);
    expect((await api.request('/v1/events?limit=100000')).status).toBe(400);
    expect((await api.request('/v1/events?sneaky=1')).status).toBe(400);
  });

  it('live: a client that disconnects and resumes with Last-Event-ID gets every event once while writers append', async () => {
    const { rows: last } = await db.pool.query<{ global_position: number }>('SELECT max(global_position) AS global_position FROM events');
    const start = last[0].global_position;
    const total = 30;
    // Three concurrent writers, so commits interleave while the client reads.
    const writing = Promise.all(
      [0, 1, 2].map(async (writer) => {
        for (let i = writer; i < total; i += 3) expect((await post(company(`live-${i}`))).status).toBe(201);
      }),
    );
    const first = await readLive(api, `/v1/events/live?after=${start}`, 12);
    const rest = await readLive(api, '/v1/events/live', total - 12, { 'last-event-id': String(first.at(-1)) });
    await writing;
    const all = [...first, ...rest];
    expect(new Set(all).size).toBe(total);
    const { rows } = await db.pool.query<{ global_position: number }>(
      `SELECT global_position FROM events WHERE subject LIKE 'company:live-%' ORDER BY global_position`,
    );
    expect([...all].sort((a, b) => a - b)).toEqual(rows.map((r) => r.global_position));
  });

  it('live: honours the filters', async () => {
    const ids = await readLive(api, '/v1/events/live?after=0&type=acquisition.', 1);
    const { rows } = await db.pool.query(`SELECT global_position FROM events WHERE type LIKE 'acquisition.%'`);
    expect(ids).toEqual([rows[0].global_position]);
  });
});
