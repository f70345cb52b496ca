import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { EventStore, holdConsumer, whenCaughtUp } from '@newsledger/event-store';
import { PG_POOL } from '@newsledger/platform';
import { createTestDatabase, eventually, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import type pg from 'pg';
import { COMPANY_LIST_SQL } from '../companies/companies.controller.js';
import { ProjectorModule } from '../projector.module.js';
import { ReadModelsApiModule } from '../read-models-api.module.js';
import type { ProjectionStatus } from '../rebuild/projection-status.js';
import { recordProjected } from '../testing/projected-ledger.js';
import { metaEvent, seedEvents } from '../testing/seed-events.js';

type Page = { data: Record<string, unknown>[]; next_cursor: string | null };

/**
 * ListPageCache keeps live list pages by the version of the read model behind them: a page must
 * never be older than the read model a request found, whatever moved it (a batch, another
 * projection a list joins, a rebuild swapped in at the same position).
 */
describe('cached list pages', () => {
  let db: TestDatabase;
  let app: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule] });
    store = new EventStore(db.pool);
    await recordProjected(db, seedEvents());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function get(path: string): Promise<{ position: number; page: Page; text: string }> {
    const response = await app.request(path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    const text = await response.text();
    return { position: Number(response.headers.get('x-projection-position')), page: JSON.parse(text) as Page, text };
  }

  async function append(subject: string, type: string, data: Record<string, unknown>): Promise<number> {
    const { subject: _subject, recorded_at: _recordedAt, ...event } = metaEvent(subject, type, data);
    return (await store.append(subject, [event], 'any')).events[0].global_position;
  }

  const registration = (slug: string) => ({ company_id: `company:${slug}`, display_name: slug, aliases: [], identifiers: {} });

  it('queries a page once for many readers while the read model stands, and again once it moves', async () => {
    const queries = jest.spyOn(app.app.get<pg.Pool>(PG_POOL), 'query');
    const listQueries = () => queries.mock.calls.filter(([sql]) => sql === COMPANY_LIST_SQL).length;
    try {
      const pages = await Promise.all(Array.from({ length: 20 }, () => get('/v1/companies?limit=499')));
      expect(new Set(pages.map((p) => p.text)).size).toBe(1);
      expect(listQueries()).toBe(1);

      const position = await append('company:cache-one', 'company.registered', registration('cache-one'));
      const fresh = await get(`/v1/companies?limit=499&min_position=${position}`);
      expect(fresh.position).toBeGreaterThanOrEqual(position);
      expect(fresh.page.data.map((c) => c.id)).toContain('cache-one');
      expect(listQueries()).toBe(2);
    } finally {
      queries.mockRestore();
    }
  });

  it('never answers a page older than the read model the request found, with or without min_position', async () => {
    for (const slug of ['cache-two', 'cache-three', 'cache-four']) {
      await get('/v1/companies');
      const position = await append(`company:${slug}`, 'company.registered', registration(slug));
      await whenCaughtUp(db.pool, 'rm_companies', position);
      const { page, position: seen } = await get('/v1/companies?limit=500');
      expect(seen).toBeGreaterThanOrEqual(position);
      expect(page.data.map((c) => c.id)).toContain(slug);
    }
  });

  it("renames the company of a chip approval once the companies' read model has the name, even when rm_chiptrade moved first", async () => {
    const { page } = await get('/v1/chip-approvals?limit=500');
    const approval = page.data.find((a) => typeof a.company === 'string' && a.company_name !== null)!;
    const company = approval.company as string;
    expect((await get(`/v1/companies?limit=500`)).page.data.map((c) => c.subject)).toContain(company);

    // rm_companies held as another projector's batch would hold it: rm_chiptrade passes the rename first.
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holdConsumer(holder, 'rm_companies');
      const position = await append(company, 'company.renamed', { from: approval.company_name, to: 'Renamed While Cached' });
      await whenCaughtUp(db.pool, 'rm_chiptrade', position);
      const before = (await get('/v1/chip-approvals?limit=500')).page.data.find((a) => a.event_id === approval.event_id)!;
      expect(before.company_name).toBe(approval.company_name);
      await holder.query('COMMIT');
      await whenCaughtUp(db.pool, 'rm_companies', position);
    } finally {
      holder.release();
    }
    const after = (await get('/v1/chip-approvals?limit=500')).page.data.find((a) => a.event_id === approval.event_id)!;
    expect(after.company_name).toBe('Renamed While Cached');
  });

  it('answers the rebuilt rows once a rebuild is swapped in, though the position did not move', async () => {
    const { text: rebuilt, position } = await get('/v1/listings?limit=500');
    // Rows changed without their projection's checkpoint moving: what a projection of another
    // version stores, until the rebuild swaps in the rows this version makes.
    await db.pool.query(`UPDATE rm_listings SET doc = replace(doc, '"status":', '"tampered":true,"status":')`);
    expect((await get('/v1/listings?limit=499')).text).toContain('"tampered":true');

    expect((await app.request('/v1/projections/rm_listings/rebuild', { method: 'POST' })).status).toBe(202);
    await eventually(
      async () => {
        const statuses = (await (await app.request('/v1/projections')).json()) as { data: ProjectionStatus[] };
        expect(statuses.data.find((s) => s.name === 'rm_listings')?.state).not.toBe('rebuilding');
      },
      { timeoutMs: 20_000 },
    );
    const after = await get('/v1/listings?limit=499');
    expect(after.position).toBe(position);
    expect(after.text).not.toContain('"tampered":true');
    expect(after.text).toBe(rebuilt);
  });
});

describe('list pages with LIST_CACHE_SIZE=0', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule] }, { LIST_CACHE_SIZE: '0' });
    await recordProjected(db, seedEvents());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('queries the page for every reader that comes after the last one was answered', async () => {
    const queries = jest.spyOn(app.app.get<pg.Pool>(PG_POOL), 'query');
    try {
      for (let i = 0; i < 3; i++) expect((await app.request('/v1/companies')).status).toBe(200);
      expect(queries.mock.calls.filter(([sql]) => sql === COMPANY_LIST_SQL)).toHaveLength(3);
    } finally {
      queries.mockRestore();
    }
  });
});
