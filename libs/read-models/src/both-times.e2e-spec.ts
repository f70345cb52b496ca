import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { ProjectorModule } from './projector.module.js';
import { ReadModelsApiModule } from './read-models-api.module.js';
import { jsonGetter, recordProjected } from './testing/projected-ledger.js';
import { seedEvents } from './testing/seed-events.js';

const DEAL = '/v1/acquisitions/meta-manus-2025';

describe('both times on the seed article: as_of (recorded) and valid_at (valid)', () => {
  let db: TestDatabase;
  let app: TestApp;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule] });
    const [zhipu] = seedEvents();
    await recordProjected(db, [
      ...seedEvents(),
      // A name in another script, to search by.
      { ...zhipu, event_id: randomUUID(), type: 'company.alias_added', data: { alias: { name: '智谱', kind: 'common', lang: 'zh-Hans' } } },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const get = jsonGetter(() => app);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page as parsed JSON
  const subjects = (page: Record<string, any>) => (page.data as { subject: string }[]).map((r) => r.subject);

  it('shows the Meta–Manus deal announced with no review on 2026-01-15: the review counts from its first report, 2026-02-11', async () => {
    expect(await get(`${DEAL}?valid_at=2026-01-15`)).toMatchObject({ status: 'announced', reviews: [], valid_at: '2026-01-15' });
    expect(await get(`${DEAL}?valid_at=2026-02-11`)).toMatchObject({ status: 'under_review', valid_at: '2026-02-11' });
    expect(await get(`${DEAL}?valid_at=${encodeURIComponent('2026-02-11T07:00:00+08:00')}`)).toMatchObject({ status: 'announced' });
    expect(await get(`${DEAL}?valid_at=${encodeURIComponent('2026-02-11T09:00:00+08:00')}`)).toMatchObject({ status: 'under_review' });
    const now = await get(DEAL);
    expect(now).toMatchObject({ status: 'under_review' });
    expect(now).not.toHaveProperty('valid_at');
    expect(now).not.toHaveProperty('as_of');
  });

  it('answers 404 before the deal existed in valid time (announced in December 2025) and in recorded time', async () => {
    expect((await get(`${DEAL}?valid_at=2025-11-15`, 404)).type).toBe('urn:newsledger:problem:not-found');
    expect(await get(`${DEAL}?valid_at=2025-12-01`)).toMatchObject({ status: 'announced' });
    await get(`${DEAL}?as_of=2026-01-01`, 404);
    await get(`${DEAL}?as_of=${encodeURIComponent('2000-01-01T00:00:00+02:00')}`, 404);
  });

  it('combines both: what the ledger knew at a moment about the world on a date, and says what it was asked', async () => {
    expect(await get(`${DEAL}?as_of=${today}&valid_at=2026-01-15`)).toMatchObject({
      status: 'announced',
      as_of: { timestamp: today, position: null },
      valid_at: '2026-01-15',
    });
    const { rows } = await db.pool.query<{ global_position: number }>(`SELECT global_position FROM events WHERE type = 'acquisition.announced'`);
    expect(await get(`${DEAL}?as_of_position=${rows[0].global_position}&valid_at=2026-02-11`)).toMatchObject({
      status: 'announced',
      version: 1,
      as_of: { timestamp: null, position: rows[0].global_position },
    });
  });

  it('takes ids with or without their prefix, in paths and filters', async () => {
    expect(await get('/v1/acquisitions/acquisition:meta-manus-2025?valid_at=2026-01-15')).toMatchObject({ id: 'meta-manus-2025', status: 'announced' });
    expect(await get('/v1/companies/company:zhipu')).toMatchObject({ id: 'zhipu' });
    expect(await get('/v1/listings/listing:zhipu-xhkg-2026')).toMatchObject({ status: 'trading' });
    expect(subjects(await get('/v1/listings?company=zhipu'))).toEqual(['listing:zhipu-xhkg-2026']);
    expect(subjects(await get('/v1/acquisitions?company=manus'))).toEqual(['acquisition:meta-manus-2025']);
    expect((await get('/v1/chip-approvals?company=tencent')).data).toHaveLength(1);
    await get('/v1/acquisitions/listing:meta-manus-2025', 404);
    expect((await get('/v1/listings?company=listing:zhipu', 400)).errors).toEqual([expect.objectContaining({ path: '/company' })]);
  });

  it('folds the lists at a past point, filters included, and pages them', async () => {
    const deals = await get('/v1/acquisitions?valid_at=2026-01-15');
    expect(deals).toMatchObject({ data: [{ id: 'meta-manus-2025', status: 'announced' }], next_cursor: null, valid_at: '2026-01-15' });
    expect((await get('/v1/acquisitions?valid_at=2026-01-15&status=under_review')).data).toEqual([]);
    expect(subjects(await get('/v1/acquisitions?status=under_review'))).toEqual(['acquisition:meta-manus-2025']);
    expect((await get('/v1/acquisitions?valid_at=2025-11-30')).data).toEqual([]);

    expect((await get('/v1/listings?valid_at=2025-12-31')).data).toEqual([]);
    const january = await get('/v1/listings?valid_at=2026-01-31&status=trading&limit=1');
    expect(subjects(january)).toEqual(['listing:minimax-xhkg-2026']);
    const next = await get(`/v1/listings?valid_at=2026-01-31&status=trading&limit=1&cursor=${january.next_cursor}`);
    expect(subjects(next)).toEqual(['listing:zhipu-xhkg-2026']);
    expect(next.data[0].price_moves).toEqual([]);

    const corridor = await get('/v1/chiptrade?valid_at=2026-01-31');
    expect(corridor.data).toHaveLength(1);
    expect(corridor.data[0].import.approvals).toHaveLength(4);
    expect(corridor.data[0].import.official_status).toBeNull();
    expect((await get(`/v1/chiptrade?as_of=${encodeURIComponent('2001-01-01T00:00:00Z')}`)).data).toEqual([]);
  });

  it("shows a company's timeline as it stood on a date, and 404 before anything named the company", async () => {
    const timeline = await get('/v1/companies/tencent/timeline?valid_at=2026-01-15');
    expect(timeline.data.map((e: { type: string }) => e.type)).toEqual(['chiptrade.import_approval_granted']);
    expect(timeline.valid_at).toBe('2026-01-15');
    expect(timeline.data[0]).toMatchObject({ subject: 'chiptrade:nvidia-h200-us-cn', data: { importer: { company_id: 'company:tencent' } } });
    const now = await get('/v1/companies/tencent/timeline?limit=2');
    // The undated hire counts from its first report (2026-02-11), the approval from January.
    expect(now.data.map((e: { type: string }) => e.type)).toEqual(['company.key_person_hired', 'company.registered']);
    const paged = await get(`/v1/companies/tencent/timeline?as_of=${today}&limit=2&cursor=${now.next_cursor}`);
    expect(paged.data.map((e: { type: string }) => e.type)).toEqual(['chiptrade.import_approval_granted']);
    await get('/v1/companies/tencent/timeline?valid_at=2025-12-31', 404);
    // Named by an approval in January, registered (reported) in February.
    expect(await get('/v1/companies/tencent?valid_at=2026-01-15')).toMatchObject({ id: 'tencent', registered: false });
    expect(await get('/v1/companies/openai?as_of=' + today)).toMatchObject({ registered: false });
    await get('/v1/companies/openai?valid_at=2026-01-01', 404);
  });

  it.each([
    ['as_of=yesterday', '/as_of'],
    ['as_of=1899-12-31', '/as_of'],
    ['valid_at=2201-01-01', '/valid_at'],
    ['valid_at=2026-02-30', '/valid_at'],
    ['valid_at=2026-01-15T25:00:00Z', '/valid_at'],
    [`valid_at=${encodeURIComponent('2200-12-31T23:00:00-05:00')}`, '/valid_at'],
    ['as_of_position=1e30', '/as_of_position'],
    ['as_of_position=-1', '/as_of_position'],
  ])('refuses %s with a 400 problem naming the parameter', async (query, path) => {
    for (const route of [DEAL, '/v1/acquisitions', '/v1/companies/tencent/timeline']) {
      const problem = await get(`${route}?${query}`, 400);
      expect(problem).toMatchObject({ type: 'urn:newsledger:problem:validation', errors: expect.arrayContaining([expect.objectContaining({ path })]) });
    }
  });

  it('shows money with a decimal amount in its currency beside amount_minor', async () => {
    const listing = await get('/v1/listings/zhipu-xhkg-2026');
    expect(listing.gross_proceeds).toEqual({ amount: '560000000.00', amount_minor: 56000000000, currency: 'USD', approximate: true });
    expect((await get('/v1/listings?valid_at=2026-01-31')).data[1].gross_proceeds.amount).toBe('560000000.00');
  });

  it('answers who was approved to import what, by whom, how surely and on whose word, in one request', async () => {
    const [tencent] = (await get('/v1/chip-approvals?company=tencent&side=import')).data;
    expect(tencent).toMatchObject({
      chiptrade: 'chiptrade:nvidia-h200-us-cn',
      company: 'company:tencent',
      company_name: 'Tencent',
      status: 'approved_conditional',
      kind: 'conditional',
      products: [{ product_id: 'product:nvidia-h200', name: 'H200' }],
      authority: { code: null, name_as_reported: 'Beijing' },
      confidence: 'anonymous_sources',
      attribution: { relayed_from: 'Reuters', basis: 'anonymous_sources' },
      source: { publisher: 'CNN' },
    });
    const corridor = await get('/v1/chiptrade/nvidia-h200-us-cn');
    expect(corridor.import.approvals).toHaveLength(4);
    for (const approval of corridor.import.approvals) {
      expect(approval).toMatchObject({ confidence: 'anonymous_sources', attribution: { relayed_from: 'Reuters' }, authority: { name_as_reported: 'Beijing' } });
      expect(approval.importer.name_as_reported).toEqual(expect.any(String));
    }
    expect((await get('/v1/chiptrade?product=H200')).data[0].import.approvals[0].attribution).toMatchObject({ relayed_from: 'Reuters' });
  });

  it('finds chip-trade corridors by product id or name, and by destination', async () => {
    for (const product of ['H200', 'h200', 'product:nvidia-h200', 'nvidia-h200']) {
      expect(subjects(await get(`/v1/chiptrade?product=${encodeURIComponent(product)}`))).toEqual(['chiptrade:nvidia-h200-us-cn']);
    }
    expect((await get('/v1/chiptrade?product=H20%20NVL')).data).toEqual([]);
    expect(subjects(await get('/v1/chiptrade?destination=CN'))).toEqual(['chiptrade:nvidia-h200-us-cn']);
    expect((await get('/v1/chiptrade?destination=US')).data).toEqual([]);
  });

  it.each(['智谱', '智', 'Zhipu AI', 'zhipu ai inc.', 'zai', 'z.ai', 'Z AI', 'ZHIPU', 'Zhìpǔ'])('finds company:zhipu searching %s', async (q) => {
    expect(subjects(await get(`/v1/companies?q=${encodeURIComponent(q)}`))).toEqual(['company:zhipu']);
  });

  it('finds nothing for a query with no letters or digits, and no company for a stranger', async () => {
    expect((await get('/v1/companies?q=...')).data).toEqual([]);
    expect((await get('/v1/companies?q=%E5%B8%8C%E9%9F%B3')).data).toEqual([]);
  });
});
