import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { ProjectorModule } from './projector.module.js';
import { ReadModelsApiModule } from './read-models-api.module.js';
import { generatedProposals } from './testing/generated-ledger.js';
import { recordProjected } from './testing/projected-ledger.js';
import { normalised, seedEvents } from './testing/seed-events.js';

// The lists whose rows are single resources too, with the path of one resource.
const RESOURCE_LISTS = ['/v1/companies', '/v1/listings', '/v1/acquisitions', '/v1/chiptrade', '/v1/rules'];
const LISTS = [...RESOURCE_LISTS, '/v1/chip-approvals', '/v1/companies?q=zhipu', '/v1/acquisitions?status=under_review', '/v1/chip-approvals?side=import'];

/**
 * Lists send documents the projections stored; they must be the bytes the resources themselves are
 * sent as, and the bytes the lists sent when they rendered each row's state on every request.
 */
describe('list pages from stored documents', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    // No page kept: rows are changed under a standing checkpoint below, which a kept page would hide.
    app = await startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule] }, { LIST_CACHE_SIZE: '0' });
    const generated = generatedProposals(2, 0).map((proposal, i) => normalised(proposal, `generated event ${i}`));
    await recordProjected(db, [...seedEvents(), ...generated]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const text = async (path: string) => {
    const response = await app.request(path);
    expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
      path,
      status: 200,
      type: 'application/json; charset=utf-8',
    });
    expect(response.headers.get('x-projection-position')).toMatch(/^\d+$/);
    return response.text();
  };

  it.each(RESOURCE_LISTS)('sends each row of %s as the bytes of its own resource', async (list) => {
    const page = JSON.parse(await text(`${list}?limit=500`)) as { data: { id: string }[]; next_cursor: null };
    expect(page.data.length).toBeGreaterThan(1);
    expect(page.next_cursor).toBeNull();
    for (const row of page.data) expect(JSON.stringify(row)).toBe(await text(`${list}/${row.id}`));
  });

  it('sends the bytes it sent when it rendered rows from their folded state', async () => {
    const pages = async () => Promise.all(LISTS.flatMap((list) => [`${list}`, `${list}${list.includes('?') ? '&' : '?'}limit=2`]).map(text));
    const fromDocuments = await pages();
    // What a row stored before the documents holds: its state only. The list renders it as it used to.
    await db.pool.query(`UPDATE rm_companies SET doc = NULL`);
    for (const table of ['rm_listings', 'rm_acquisitions', 'rm_chiptrade', 'rm_rules']) await db.pool.query(`UPDATE ${table} SET doc = NULL`);
    await db.pool.query(`UPDATE rm_chip_approvals SET doc_head = NULL, doc_tail = NULL`);
    expect(await pages()).toEqual(fromDocuments);
  });

  it('still answers a bad filter with a problem', async () => {
    const response = await app.request('/v1/listings?venue=hk');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
