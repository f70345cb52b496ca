import { expect } from '@jest/globals';
import type pg from 'pg';

/** What these helpers need of a test database (libs/testing's serves). */
interface TestDatabase {
  pool: pg.Pool;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked with matchers, not types
export type Body = Record<string, any>;

export const source = { source_id: 'src:hostile', publisher: 'Test Wire', genre: 'news', published_at: '2026-02-11', language: 'en', confidence: 'reported' };

export function registerCompany(slug: string, extra: Body = {}): Body {
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

/** The log's head: what a rejected write must leave as it was. */
export async function logHead(db: TestDatabase): Promise<string> {
  const { rows } = await db.pool.query<{ n: string; top: string | null }>('SELECT count(*) AS n, max(global_position) AS top FROM events');
  return `${rows[0].n}/${rows[0].top}`;
}

/** An error answer as the API promises it: the status, application/problem+json, type/title/status. */
export async function expectProblem(response: Response, status: number): Promise<Body> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text) as Body;
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  return problem;
}

/** A request that must be refused with `status` and leave the log as it was. */
export async function expectRefused(db: TestDatabase, request: () => Promise<Response>, status: number): Promise<Body> {
  const before = await logHead(db);
  const problem = await expectProblem(await request(), status);
  expect(await logHead(db)).toBe(before);
  return problem;
}

export const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The first event the live stream (SSE) sends for `query`, parsed from its `data:` line. */
export async function firstLiveEvent(baseUrl: string, key: string, query: string): Promise<Body> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/v1/events/live?${query}`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the live stream ended before an event: ${text}`);
      text += decoder.decode(value, { stream: true });
      const data = /^data: (.*)\n\n/m.exec(text);
      if (data) return JSON.parse(data[1]) as Body;
    }
  } finally {
    controller.abort();
  }
}
