import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resetCheckpoint, whenCaughtUp } from '@newsledger/event-store';
import { withTransaction } from '@newsledger/platform';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { PROJECTIONS } from './projections.js';
import { ProjectorModule } from './projector.module.js';
import { ReadModelsApiModule } from './read-models-api.module.js';
import { generatedProposals } from './testing/generated-ledger.js';
import { jsonGetter, recordProjected } from './testing/projected-ledger.js';
import { metaEvent, normalised, seedEvents } from './testing/seed-events.js';

describe('read models of the seed article', () => {
  let db: TestDatabase;
  let app: TestApp;
  let head: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule] });
    head = await recordProjected(db, seedEvents());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const get = jsonGetter(() => app);
  const ids = (page: { data: { id?: string; subject?: string }[] }) => page.data.map((r) => r.subject);

  it('shows both Hong Kong listings trading, with their proceeds, and sums them per venue', async () => {
    const zhipu = await get('/v1/listings/zhipu-xhkg-2026');
    expect(zhipu).toMatchObject({ status: 'trading', venue: { mic: 'XHKG' }, gross_proceeds: { amount_minor: 56000000000, currency: 'USD', approximate: true } });
    const minimax = await get('/v1/listings/minimax-xhkg-2026');
    expect(minimax).toMatchObject({ status: 'trading', gross_proceeds: { amount_minor: 62000000000, currency: 'USD' } });

    const stats = await get('/v1/listings/stats?group_by=venue');
    expect(stats.data).toEqual([
      { key: 'XHKG', count: 2, gross_proceeds: [{ amount: '1180000000.00', currency: 'USD', amount_minor: 118000000000, approximate: true }] },
    ]);
    expect(await get('/v1/listings/stats')).toMatchObject({ group_by: 'venue', data: stats.data });
    expect((await get('/v1/listings/stats?group_by=month')).data).toEqual([expect.objectContaining({ key: '2026-01', count: 2 })]);
    expect(ids(await get('/v1/listings?company=company:zhipu&status=trading'))).toEqual(['listing:zhipu-xhkg-2026']);
  });

  it('shows the Meta–Manus deal under review in China', async () => {
    const deal = await get('/v1/acquisitions/meta-manus-2025');
    expect(deal).toMatchObject({
      id: 'meta-manus-2025',
      status: 'under_review',
      acquirer: { company_id: 'company:meta' },
      target: { company_id: 'company:manus' },
      reviews: [expect.objectContaining({ jurisdiction: 'CN', regime: 'unspecified', state: 'open' })],
      version: 2,
      confidence: 'reported',
    });
    expect(deal.sources).toHaveLength(1);
    expect(ids(await get('/v1/acquisitions?status=under_review&jurisdiction=CN'))).toEqual(['acquisition:meta-manus-2025']);
    expect((await get('/v1/acquisitions?jurisdiction=US')).data).toEqual([]);
  });

  it('answers as of a position before the review was recorded with the status then', async () => {
    const { rows } = await db.pool.query(`SELECT global_position, recorded_at FROM events WHERE type = 'acquisition.review_opened'`);
    const before = rows[0].global_position - 1;
    const then = await get(`/v1/acquisitions/meta-manus-2025?as_of_position=${before}`);
    expect(then).toMatchObject({ status: 'announced', reviews: [], version: 1, as_of: { position: before } });
    const { rows: announced } = await db.pool.query(`SELECT recorded_at FROM events WHERE type = 'acquisition.announced'`);
    const recorded = await get(`/v1/acquisitions/meta-manus-2025?as_of=${encodeURIComponent(announced[0].recorded_at)}`);
    expect(recorded).toMatchObject({ status: 'announced', as_of: { timestamp: announced[0].recorded_at } });
    expect((await get('/v1/acquisitions/meta-manus-2025')).status).toBe('under_review');
    // Before its first event the deal did not exist: not an empty record.
    expect((await get(`/v1/acquisitions/meta-manus-2025?as_of=${encodeURIComponent('2000-01-01T00:00:00Z')}`, 404)).type).toBe(
      'urn:newsledger:problem:not-found',
    );
  });

  it('shows the H200 corridor: export announced, four conditional import approvals on anonymous sources', async () => {
    const corridor = await get('/v1/chiptrade/nvidia-h200-us-cn');
    expect(corridor.export).toMatchObject({ authorization_announced: true });
    expect(corridor.import).toMatchObject({ official_status: 'not_officially_approved' });
    expect(corridor.import.approvals).toHaveLength(4);

    const approvals = await get<{ data: Record<string, unknown>[] }>('/v1/chip-approvals?side=import');
    expect(approvals.data.map((a) => a.company).sort()).toEqual(['company:alibaba', 'company:bytedance', 'company:deepseek', 'company:tencent']);
    expect(approvals.data.every((a) => a.status === 'approved_conditional' && a.confidence === 'anonymous_sources')).toBe(true);
    expect((await get('/v1/chip-approvals?company=company:tencent')).data).toHaveLength(1);
  });

  it.each(['zhipu', 'Z.AI', 'ZHIPU', 'z.ai', 'Zhìpǔ'])('finds company:zhipu searching %s', async (q) => {
    expect(ids(await get(`/v1/companies?q=${encodeURIComponent(q)}`))).toEqual(['company:zhipu']);
  });

  it('lists a company referenced but never registered as unresolved', async () => {
    expect(ids(await get('/v1/companies?unresolved=true'))).toEqual(['company:openai']);
    expect(await get('/v1/companies/openai')).toMatchObject({ id: 'openai', registered: false, version: 0 });
    expect(ids(await get('/v1/companies?country=CN&limit=500'))).toContain('company:zhipu');
  });

  it("holds Tencent's registration, key hire and import approval on its timeline", async () => {
    const timeline = await get<{ data: { type: string; confidence: string }[] }>('/v1/companies/tencent/timeline');
    expect(timeline.data.map((e) => e.type).sort()).toEqual(['chiptrade.import_approval_granted', 'company.key_person_hired', 'company.registered']);
    expect(timeline.data.find((e) => e.type === 'chiptrade.import_approval_granted')?.confidence).toBe('anonymous_sources');
  });

  it('pages a list with an opaque cursor until it runs out', async () => {
    const seen: string[] = [];
    let path = '/v1/companies?limit=4';
    for (;;) {
      const page = await get<{ data: { subject: string }[]; next_cursor: string | null }>(path);
      seen.push(...page.data.map((c) => c.subject));
      if (!page.next_cursor) break;
      path = `/v1/companies?limit=4&cursor=${page.next_cursor}`;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
  });

  it('carries the projection position and answers problems for unknown ids and bad queries', async () => {
    const response = await app.request('/v1/companies/zhipu');
    expect(Number(response.headers.get('x-projection-position'))).toBe(head);
    for (const path of ['/v1/acquisitions/no-such-deal', '/v1/companies/NOT_A_SLUG', '/v1/listings/nope', '/v1/chiptrade/nope']) {
      const problem = await get(path, 404);
      expect(problem.type).toBe('urn:newsledger:problem:not-found');
    }
    for (const path of ['/v1/companies?limit=501', '/v1/companies?cursor=bogus', '/v1/listings/stats?group_by=day', '/v1/acquisitions/meta-manus-2025?as_of=yesterday', '/v1/companies?colour=red']) {
      expect((await get(path, 400)).type).toBe('urn:newsledger:problem:validation');
    }
  });

  it('documents each route with the query parameters it validates', async () => {
    const document = (await (await app.request('/docs/openapi.json', { key: null })).json()) as {
      paths: Record<string, { get: { parameters: { name: string; in: string; schema: { description?: string } }[] } }>;
    };
    const queryOf = (path: string) => document.paths[path].get.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    expect(queryOf('/v1/companies')).toEqual(expect.arrayContaining(['q', 'country', 'unresolved', 'limit', 'cursor']));
    expect(queryOf('/v1/acquisitions/{id}')).toEqual(['min_position', 'as_of', 'as_of_position', 'valid_at']);
    expect(queryOf('/v1/acquisitions')).toEqual(expect.arrayContaining(['as_of', 'as_of_position', 'valid_at']));
    expect(queryOf('/v1/companies/{id}/timeline')).toEqual(expect.arrayContaining(['as_of', 'valid_at']));
    const validAt = document.paths['/v1/listings/{id}'].get.parameters.find((p) => p.name === 'valid_at');
    expect(validAt?.schema.description).toMatch(/^Valid time: the world on that date/);
  });

  it('needs the read scope', async () => {
    expect((await app.request('/v1/companies', { key: null })).status).toBe(401);
  });

  it('rebuilds the same rows when every projection replays the log from the start', async () => {
    const tables = PROJECTIONS.flatMap((projection) => projection.tables);
    const snapshot = () => Promise.all(tables.map(async (t) => (await db.pool.query(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)).rows));
    const before = await snapshot();
    await withTransaction(db.pool, async (client) => {
      for (const projection of PROJECTIONS) await resetCheckpoint(client, projection.name);
    });
    await Promise.all(PROJECTIONS.map((projection) => whenCaughtUp(db.pool, projection.name, head)));
    expect(await snapshot()).toEqual(before);
  });

  it('lists export-control rules and shows one as of before its rescission', async () => {
    const rules = generatedProposals(1).filter((p) => String(p.subject).startsWith('rule:'));
    const [issued] = rules.map((proposal, i) => normalised(proposal, `rule event ${i}`));
    const amendedAt = await recordProjected(db, rules.map((proposal, i) => normalised(proposal, `rule event ${i}`)));
    await recordProjected(db, [{ ...issued, event_id: randomUUID(), type: 'rule.rescinded', occurred_on: '2025-12-08', data: { reason: 'superseded' } }]);

    const id = issued.subject.slice('rule:'.length);
    expect(ids(await get('/v1/rules?status=rescinded&authority=US-BIS&destination=CN'))).toEqual([issued.subject]);
    expect((await get('/v1/rules?status=in_force')).data).toEqual([]);
    expect(await get(`/v1/rules/${id}`)).toMatchObject({ status: 'rescinded', rescinded_on: { date: '2025-12-08', precision: 'day' }, amendments: [{ summary: 'adds H20' }], version: 3 });
    expect(await get(`/v1/rules/${id}?as_of_position=${amendedAt}`)).toMatchObject({ status: 'in_force', version: 2, as_of: { position: amendedAt } });
    expect((await get('/v1/rules/no-such-rule', 404)).type).toBe('urn:newsledger:problem:not-found');
  });

  // Last: it changes the ledger the tests above read.
  it('follows a retraction and a corroboration through every read model', async () => {
    const approvalOf = async (company: string) => {
      const { rows } = await db.pool.query(
        `SELECT event_id FROM events WHERE type = 'chiptrade.import_approval_granted' AND $1 = ANY (companies)`,
        [company],
      );
      return rows[0].event_id as string;
    };
    const subject = 'chiptrade:nvidia-h200-us-cn';
    await recordProjected(db, [
      metaEvent(subject, 'fact.retracted', { target_event_id: await approvalOf('company:tencent'), reason: 'misattributed' }),
      metaEvent(subject, 'fact.corroborated', { target_event_id: await approvalOf('company:deepseek'), resulting_confidence: 'confirmed' }),
    ]);

    const approvals = await get<{ data: Record<string, unknown>[] }>('/v1/chip-approvals?side=import');
    expect(approvals.data.map((a) => [a.company, a.confidence])).toEqual(
      expect.arrayContaining([
        ['company:deepseek', 'confirmed'],
        ['company:alibaba', 'anonymous_sources'],
      ]),
    );
    expect(approvals.data).toHaveLength(3);
    const timeline = await get<{ data: { type: string }[] }>('/v1/companies/tencent/timeline');
    expect(timeline.data.map((e) => e.type).sort()).toEqual(['company.key_person_hired', 'company.registered']);
    expect((await get(`/v1/chiptrade/nvidia-h200-us-cn`)).version).toBe(8);
  });
});
