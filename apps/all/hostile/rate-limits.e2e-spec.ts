import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiKeysRepository } from '@newsledger/platform';
import { createTestDatabase, startTestApp, testEnv, type TestApp, type TestDatabase } from '@newsledger/testing';
import { apiApp } from '../../api/api.app.js';
import { expectProblem } from './support.js';

const LIMITS = { RATE_LIMIT_PER_KEY: '20', RATE_LIMIT_PER_IP: '45', RATE_LIMIT_FAILED_AUTH: '5', RATE_LIMIT_WINDOW: '1m' };

// Issue 10, item 3: per key and per client IP, failed authentications harder; 429 problems with
// retry-after. Memory counts in the embedded default; Redis counts when REDIS_URL is set (when the
// suite has a Redis: without one, only the memory storage runs).
const STORAGES: [string, Record<string, string>][] = [
  ['memory (no REDIS_URL)', { REDIS_URL: '' }],
  ...(testEnv('redisUrl') ? ([['Redis (REDIS_URL)', {}]] as [string, Record<string, string>][]) : []),
];

describe.each(STORAGES)('rate limits, counted in %s', (_storage, env) => {
  let db: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp(db, apiApp, { ...LIMITS, ...env });
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  const statuses = async (count: number, key: string | null) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await api.request('/v1/events?limit=1', { key })).status);
    return seen;
  };

  it('limits each key, failed authentications harder, then the address; health stays open', async () => {
    const keys = new ApiKeysRepository(db.pool);
    const first = (await keys.create('first', ['read'])).key;
    const second = (await keys.create('second', ['read'])).key;

    // Per key: 20 requests in the window, the 21st is a 429 problem with retry-after.
    expect(await statuses(20, first)).toEqual(Array(20).fill(200));
    const limited = await api.request('/v1/events', { key: first });
    const problem = await expectProblem(limited, 429);
    expect(problem.type).toBe('urn:newsledger:problem:rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await api.request('/v1/events?limit=1', { key: second })).status).toBe(200);

    // Failed authentications: 5 answered 401, then 429 (a wrong key in a body request too).
    expect(await statuses(5, 'nlk_wrong-key-000000000000000000000')).toEqual(Array(5).fill(401));
    await expectProblem(await api.request('/v1/events', { key: 'nlk_another-wrong-key-00000000000000' }), 429);
    const guessedWrite = await api.request('/v1/events', { method: 'POST', json: {}, key: 'nlk_third-wrong-key-000000000000000' });
    await expectProblem(guessedWrite, 429);
    expect(guessedWrite.headers.get('retry-after')).toMatch(/^\d+$/);
    // A valid key is not refused for others' failures.
    expect((await api.request('/v1/events?limit=1', { key: second })).status).toBe(200);

    // Per address: 45 requests in all from 127.0.0.1, whatever the key.
    const rest = await statuses(30, second);
    expect(rest).toContain(429);
    expect(rest.filter((s) => s === 200).length).toBeLessThan(30);
    expect((await api.request('/health/live', { key: null })).status).toBe(200);
  });
});
