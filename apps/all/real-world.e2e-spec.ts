import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { whenCaughtUp } from '@newsledger/event-store';
import { PROJECT_ROOT } from '@newsledger/platform';
import { PROJECTIONS, ProjectorModule } from '@newsledger/read-models';
import { createTestDatabase, eventually, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { apiApp } from '../api/api.app.js';
import { importFile, type ImportReport } from '../cli/commands/import.command.js';
import { directTarget, httpTarget } from '../cli/commands/import-targets.js';

// The real-world corpus (88 public reports, 2016–2025) and the end state, as-of and valid-time answers
// its README states, checked through the HTTP API of a ledger loaded each way a user would load it.
const FILE = path.join(PROJECT_ROOT, 'data/real-world-public.jsonl');
const LINES = readFileSync(FILE, 'utf8').split('\n').filter((line) => line.trim());

/** Posts each line as its own `POST /v1/events` with the admin key (the lines carry recorded_at); rejected lines by number. */
async function postEachLine(app: TestApp): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, present: 0, rejected: [] };
  for (const [index, line] of LINES.entries()) {
    const response = await app.request('/v1/events', { method: 'POST', json: JSON.parse(line) });
    if (response.status === 200) report.present++;
    else if (response.ok) report.imported++;
    else report.rejected.push({ lineNumber: index + 1, reason: JSON.stringify(await response.json()) });
  }
  return report;
}

// The rebuild is checked on one of the ledgers: it replays the same log whichever way it was written.
const LOADERS: [string, (app: TestApp) => Promise<ImportReport>, { rebuild: boolean }][] = [
  ['POST /v1/events, line by line', postEachLine, { rebuild: false }],
  ['newsledger import, straight to the database', (app) => importFile(FILE, directTarget(app.app.get(CommandBus)), 500), { rebuild: true }],
  ['newsledger import --url --key', (app) => importFile(FILE, httpTarget(app.baseUrl, app.adminKey), 25), { rebuild: false }],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked with matchers, not types
type Body = Record<string, any>;
type Get = (path: string, status?: number) => Promise<Body>;

const usd = (amount_minor: number, approximate?: boolean) => ({ amount_minor, currency: 'USD', ...(approximate ? { approximate } : {}) });
const day = (date: string) => ({ date, precision: 'day' });
// A missing review shows in the failure as what was looked for.
const termination = (amountMinor: number, amount: string, payer: string, payee: string) =>
  expect.objectContaining({
    fees: [
      expect.objectContaining({
        amount: expect.objectContaining({ ...usd(amountMinor), amount }),
        payer: expect.objectContaining({ company_id: `company:${payer}` }),
        payee: expect.objectContaining({ company_id: `company:${payee}` }),
      }),
    ],
  });
const review = (reviews: Body[], id: string): Body => reviews.find((r) => r.review_id === id) ?? { missing_review: id };

async function expectAcquisitions(get: Get): Promise<void> {
  const qualcomm = await get('/v1/acquisitions/qualcomm-nxp-2016');
  expect(qualcomm).toMatchObject({ status: 'terminated', dates: { terminated_on: day('2018-07-26') }, terms: { terms_version: 2 } });
  expect(JSON.stringify(qualcomm.terms.consideration)).toContain('"amount_minor":12750');
  expect(review(qualcomm.reviews, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared_with_conditions' });
  expect(review(qualcomm.reviews, 'eu-ec-1').conditions).toHaveLength(3);
  expect(review(qualcomm.reviews, 'cn-mofcom-1')).toMatchObject({ state: 'withdrawn', end_reason: 'pull_and_refile' });
  expect(review(qualcomm.reviews, 'cn-mofcom-2')).toMatchObject({ state: 'moot' });
  expect(JSON.stringify(review(qualcomm.reviews, 'cn-mofcom-2'))).toContain('CN-SAMR');
  expect(qualcomm.termination).toEqual(termination(200_000_000_000, '2000000000.00', 'qualcomm', 'nxp'));

  const mellanox = await get('/v1/acquisitions/nvidia-mellanox-2019');
  expect(mellanox).toMatchObject({ status: 'completed', dates: { completed_on: day('2020-04-27') } });
  expect(JSON.stringify(mellanox.value_at_close)).toContain('"amount_minor":700000000000');
  expect(review(mellanox.reviews, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });
  expect(review(mellanox.reviews, 'cn-1')).toMatchObject({
    state: 'decided',
    outcome: 'cleared_with_conditions',
    authority: { code: 'CN-SAMR' },
    opened_on: day('2019-04-24'),
  });
  expect(review(mellanox.reviews, 'cn-1').conditions).toHaveLength(4);

  const figma = await get('/v1/acquisitions/adobe-figma-2022');
  expect(figma).toMatchObject({ status: 'terminated', dates: { terminated_on: day('2023-12-17') } });
  expect(figma.termination).toEqual(termination(100_000_000_000, '1000000000.00', 'adobe', 'figma'));
  for (const id of ['gb-cma-1', 'eu-ec-1']) expect(review(figma.reviews, id)).toMatchObject({ state: 'moot', phase: 'phase_2' });
  expect(JSON.stringify(review(figma.reviews, 'gb-cma-1').statutory_deadline)).toContain('2024-02-25');
  expect(review(figma.reviews, 'gb-cma-1').objections).toHaveLength(1);
  expect(review(figma.reviews, 'eu-ec-1').objections).toHaveLength(1);
  const consideration = JSON.stringify(figma.terms.consideration);
  expect(consideration).toContain('"0.045263"');
  expect(consideration).toContain('"22.4795"');

  const splunk = await get('/v1/acquisitions/cisco-splunk-2023');
  expect(splunk).toMatchObject({ status: 'completed', dates: { completed_on: day('2024-03-18') } });
  expect(review(splunk.reviews, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });

  const juniper = await get('/v1/acquisitions/hpe-juniper-2024');
  expect(juniper).toMatchObject({ status: 'completed', dates: { completed_on: day('2025-07-02') } });
  expect(JSON.stringify(juniper.value_at_close)).toContain('"amount_minor":1340000000000');
  expect(review(juniper.reviews, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });
  expect(review(juniper.reviews, 'us-doj-1')).toMatchObject({
    state: 'decided',
    outcome: 'cleared_with_conditions',
    opened_on: null,
    details: expect.objectContaining({ court_approval_pending: true }),
  });
  expect(review(juniper.reviews, 'us-doj-1').conditions).toHaveLength(2);
}

async function expectListings(get: Get): Promise<void> {
  const reddit = await get('/v1/listings/reddit-xnys-2024');
  expect(reddit).toMatchObject({
    status: 'trading',
    venue: { mic: 'XNYS' },
    ticker: 'RDDT',
    offer_price: { ...usd(3400), amount: '34.00' },
    gross_proceeds: expect.objectContaining({ ...usd(74_800_000_000), amount: '748000000.00' }),
    first_day: { first_day_close: expect.objectContaining({ ...usd(5044), amount: '50.44' }), first_day_change_bp: 4835 },
  });
  expect((await get('/v1/listings/kioxia-xtks-2020')).status).toBe('postponed');
  const kioxia = await get('/v1/listings/kioxia-xtks-2024');
  expect(kioxia).toMatchObject({
    status: 'trading',
    venue: { mic: 'XTKS' },
    offer_price: { amount_minor: 1455, currency: 'JPY', amount: '1455' },
    gross_proceeds: null,
    first_day: { first_day_close: expect.objectContaining({ amount_minor: 1601, currency: 'JPY' }), first_day_change_bp: 1003 },
  });
  expect(review(kioxia.reviews, 'jp-tse-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });
  expect(await get('/v1/listings/black-sesame-xhkg-2024')).toMatchObject({
    status: 'trading',
    venue: { mic: 'XHKG' },
    ticker: '2533',
    offer_price: { amount_minor: 2800, currency: 'HKD', amount: '28.00' },
    gross_proceeds: expect.objectContaining({ amount_minor: 104_000_000_000, currency: 'HKD', approximate: true, amount: '1040000000.00' }),
    first_day: { first_day_close: expect.objectContaining({ amount_minor: 2045, currency: 'HKD' }), first_day_change_bp: -2696 },
  });
  const sheinUs = await get('/v1/listings/shein-us-2023');
  expect(sheinUs.status).toBe('filed');
  expect(sheinUs.venue?.mic ?? null).toBeNull();
  expect(review(sheinUs.reviews, 'cn-csrc-1')).toMatchObject({ state: 'open' });
  const sheinLondon = await get('/v1/listings/shein-xlon-2024');
  expect(sheinLondon.status).toBe('filed');
  expect(review(sheinLondon.reviews, 'gb-fca-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });
  expect((await get('/v1/listings/shein-xhkg-2025')).status).toBe('filed');

  const stats = await get('/v1/listings/stats');
  expect(stats.group_by).toBe('venue');
  expect(stats.data).toEqual([
    { key: 'XHKG', count: 2, gross_proceeds: [{ currency: 'HKD', amount_minor: 104_000_000_000, approximate: true, amount: '1040000000.00' }] },
    { key: 'XLON', count: 1, gross_proceeds: [] },
    { key: 'XNYS', count: 1, gross_proceeds: [{ currency: 'USD', amount_minor: 74_800_000_000, approximate: false, amount: '748000000.00' }] },
    { key: 'XTKS', count: 2, gross_proceeds: [] },
    { key: null, count: 1, gross_proceeds: [] },
  ]);
}

async function expectChipTradeAndRules(get: Get): Promise<void> {
  const asml = await get('/v1/chiptrade/asml-duv-immersion-nl-cn');
  expect(asml.export).toMatchObject({ state: 'licence_required', review_policy: null });
  // One (transitional) licence granted, then partially revoked.
  expect(asml.export.licences).toEqual([expect.objectContaining({ state: 'revoked' })]);
  expect(JSON.stringify(asml.export.licences[0].revocation)).toContain('"scope":"partial"');
  expect(asml.export.amendments).toHaveLength(1);
  expect(asml.import.state).toBe('unknown');
  for (const product of ['NXT:1970i', 'NXT:1980i', 'NXT:2000i']) {
    expect(ids(await get(`/v1/chiptrade?product=${encodeURIComponent(product)}`))).toEqual(['chiptrade:asml-duv-immersion-nl-cn']);
  }

  const amd = await get('/v1/chiptrade/chiptrade:amd-mi308-us-cn');
  expect(amd.export).toMatchObject({ state: 'licensed', authorization_announced: true });
  expect(JSON.stringify(amd.export.authorizations)).toContain('"rate_bp":1500');
  expect(amd.export.applications).toEqual([expect.objectContaining({ application_id: 'ledger:amd-mi308-cn-1', state: 'granted' })]);
  expect(amd.export.licences).toEqual([expect.objectContaining({ state: 'granted', confidence: 'confirmed' })]);
  expect(amd.import).toMatchObject({ state: 'restricted', official_status: null });
  expect(amd.import.restrictions).toEqual([
    expect.objectContaining({ measure: 'purchase_guidance', authority: expect.objectContaining({ code: null, name_as_reported: 'Chinese authorities' }) }),
  ]);
  expect(ids(await get('/v1/chiptrade?product=product:amd-instinct-mi308&destination=CN'))).toEqual(['chiptrade:amd-mi308-us-cn']);
  const [licence] = (await get('/v1/chip-approvals?company=amd')).data;
  expect(licence).toMatchObject({
    side: 'export',
    company_name: 'AMD',
    status: 'granted',
    confidence: 'confirmed',
    authority: { code: 'US-BIS' },
    products: [expect.objectContaining({ product_id: 'product:amd-instinct-mi308' })],
    attribution: { relayed_from: 'Financial Times' },
  });
  expect(amd.export.licences[0].attribution).toMatchObject({ relayed_from: 'Financial Times' });

  expect(await get('/v1/rules/nl-mfa-2023-06-30-advanced-semiconductor-equipment')).toMatchObject({ status: 'in_force' });
}

const ids = (page: Body) => (page.data as { subject: string }[]).map((r) => r.subject);

async function expectCompanies(get: Get): Promise<void> {
  const companies = await get('/v1/companies?limit=500');
  expect(companies.data).toHaveLength(16);
  expect(companies.data.every((c: Body) => c.registered)).toBe(true);
  expect((await get('/v1/companies?unresolved=true')).data).toEqual([]);
  const countries = Object.fromEntries(companies.data.map((c: Body) => [c.id, c.headquarters_country]));
  expect(countries).toEqual({
    adobe: 'US',
    amd: 'US',
    asml: 'NL',
    'black-sesame': 'CN',
    cisco: 'US',
    figma: null,
    hpe: 'US',
    juniper: 'US',
    kioxia: 'JP',
    mellanox: 'IL',
    nvidia: 'US',
    nxp: 'NL',
    qualcomm: 'US',
    reddit: 'US',
    shein: 'SG',
    splunk: 'US',
  });
  for (const [q, subject] of [
    ['キオクシア', 'company:kioxia'],
    ['toshiba memory', 'company:kioxia'],
    ['希音', 'company:shein'],
    ['黑芝麻智能', 'company:black-sesame'],
    ['nvidia corporation', 'company:nvidia'],
  ]) {
    expect({ q, found: ids(await get(`/v1/companies?q=${encodeURIComponent(q)}`)) }).toEqual({ q, found: [subject] });
  }
}

/** Effective confidence of a fact, as the company's timeline shows it (corroborations raise it). */
async function confidenceOn(get: Get, company: string, subject: string, type: string, time = ''): Promise<string> {
  const timeline = await get(`/v1/companies/${company}/timeline?limit=500${time}`);
  const entry = timeline.data.find((e: Body) => e.subject === subject && e.type === type);
  expect({ subject, type, found: entry !== undefined }).toEqual({ subject, type, found: true });
  return entry.confidence;
}

async function expectEndState(get: Get): Promise<void> {
  await expectAcquisitions(get);
  await expectListings(get);
  await expectChipTradeAndRules(get);
  await expectCompanies(get);
  expect(await confidenceOn(get, 'mellanox', 'acquisition:nvidia-mellanox-2019', 'acquisition.review_decided')).toBe('official');
  expect(await confidenceOn(get, 'black-sesame', 'listing:black-sesame-xhkg-2024', 'listing.priced')).toBe('confirmed');
}

async function expectPastAnswers(get: Get): Promise<void> {
  // 1. What the ledger knew at the end of April 2018.
  const qualcomm = await get('/v1/acquisitions/qualcomm-nxp-2016?as_of=2018-04-30');
  expect(qualcomm).toMatchObject({ status: 'under_review', terms: { terms_version: 2 }, termination: null, as_of: { timestamp: '2018-04-30' } });
  expect(JSON.stringify(qualcomm.terms.consideration)).toContain('"amount_minor":12750');
  expect(review(qualcomm.reviews, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared_with_conditions' });
  expect(review(qualcomm.reviews, 'cn-mofcom-1')).toMatchObject({ state: 'withdrawn', end_reason: 'pull_and_refile' });
  expect(review(qualcomm.reviews, 'cn-mofcom-2')).toMatchObject({ state: 'open', phase: 'unspecified' });

  // 2. Before the SAMR filing was back-filled and the decision refined.
  const mellanox = await get('/v1/acquisitions/nvidia-mellanox-2019?as_of=2020-04-18');
  expect(mellanox.status).toBe('cleared');
  expect(review(mellanox.reviews, 'cn-1')).toMatchObject({
    state: 'decided',
    outcome: 'cleared',
    authority: { code: null, name_as_reported: 'Chinese authorities' },
    opened_on: null,
  });
  expect(await confidenceOn(get, 'mellanox', 'acquisition:nvidia-mellanox-2019', 'acquisition.review_decided', '&as_of=2020-04-18')).toBe('official');

  // 3. The first-day close before its error correction.
  const kioxia = await get('/v1/listings/kioxia-xtks-2024?as_of=2024-12-18');
  expect(kioxia.first_day).toMatchObject({ first_day_close: expect.objectContaining({ amount_minor: 1606, currency: 'JPY' }), first_day_change_bp: 1040 });

  // 4. Valid time, and both times: the termination corrected from 2023-12-18 to 2023-12-17 on 2023-12-19.
  const before = await get('/v1/acquisitions/adobe-figma-2022?valid_at=2023-12-16');
  expect(before).toMatchObject({ status: 'under_review', valid_at: '2023-12-16' });
  for (const id of ['gb-cma-1', 'eu-ec-1']) expect(review(before.reviews, id)).toMatchObject({ state: 'open', phase: 'phase_2' });
  const after = await get('/v1/acquisitions/adobe-figma-2022?valid_at=2023-12-17');
  expect(after.status).toBe('terminated');
  for (const id of ['gb-cma-1', 'eu-ec-1']) expect(review(after.reviews, id).state).toBe('moot');
  const known = await get(`/v1/acquisitions/adobe-figma-2022?valid_at=2023-12-17&as_of=${encodeURIComponent('2023-12-18T23:59:59Z')}`);
  expect(known).toMatchObject({ status: 'under_review', valid_at: '2023-12-17', as_of: { timestamp: '2023-12-18T23:59:59Z', position: null } });
  expect(ids(await get('/v1/acquisitions?valid_at=2023-12-16&status=under_review'))).toEqual(['acquisition:adobe-figma-2022']);
}

describe.each(LOADERS)('the real-world corpus loaded by %s into an empty ledger', (_how, load, { rebuild }) => {
  let db: TestDatabase;
  let app: TestApp;
  let report: ImportReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { ...apiApp, modules: [...apiApp.modules, ProjectorModule] });
    report = await load(app);
    const { rows } = await db.pool.query<{ head: number }>('SELECT coalesce(max(global_position), 0)::int AS head FROM events');
    await Promise.all(PROJECTIONS.map((projection) => whenCaughtUp(db.pool, projection.name, rows[0].head)));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const get: Get = async (path, status = 200) => {
    const response = await app.request(path);
    const body = (await response.json()) as Body;
    expect({ path, status: response.status, body: response.status === status ? null : body }).toEqual({ path, status, body: null });
    return body;
  };

  it('accepts every line', async () => {
    expect(report.rejected).toEqual([]);
    expect(report.imported).toBe(LINES.length);
    expect(Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count)).toBe(LINES.length);
  });

  it('reaches the documented end state', () => expectEndState(get));

  it('answers the documented as-of and valid-time questions', () => expectPastAnswers(get));

  if (!rebuild) return;
  it('reaches the same state after every projection is rebuilt from the log', async () => {
    for (const { name } of PROJECTIONS) expect((await app.request(`/v1/projections/${name}/rebuild`, { method: 'POST' })).status).toBe(202);
    await eventually(
      async () => {
        const { data } = (await (await app.request('/v1/projections')).json()) as { data: { state: string }[] };
        expect(data.filter((p) => p.state !== 'live')).toEqual([]);
      },
      { timeoutMs: 30_000 },
    );
    await expectEndState(get);
    await expectPastAnswers(get);
  }, 60_000);
});
