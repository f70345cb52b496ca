import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { EventStore, whenCaughtUp, type RecordedEvent } from '@newsledger/event-store';
import { IngestModule, RecordEventsCommand } from '@newsledger/ingest';
import { ApiKeysRepository } from '@newsledger/platform';
import { createTestDatabase, eventually, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { PROJECTIONS } from '../projections.js';
import { ProjectorModule } from '../projector.module.js';
import { ReadModelsApiModule } from '../read-models-api.module.js';
import { generatedProposals } from '../testing/generated-ledger.js';
import { seedProposals } from '../testing/seed-events.js';
import { snapshotReadModels as snapshot } from '../testing/snapshot.js';
import type { ProjectionStatus } from './projection-status.js';

const ADMIN_WRITER = { allowRecordedAt: true, apiKeyId: null, requestId: null, idempotencyKey: null };
const TABLES = PROJECTIONS.flatMap((projection) => projection.tables);

/** Records proposals through ingest (the domain's rules apply), `chunk` per command; returns the last position. */
async function record(app: TestApp, proposals: unknown[], chunk = 100): Promise<number> {
  let last = 0;
  for (let i = 0; i < proposals.length; i += chunk) {
    const results = await app.app.get(CommandBus).execute(new RecordEventsCommand(proposals.slice(i, i + chunk), ADMIN_WRITER));
    last = Math.max(last, ...results.map((r) => r.global_position));
  }
  return last;
}

async function caughtUp(db: TestDatabase, position: number): Promise<void> {
  await Promise.all(PROJECTIONS.map((projection) => whenCaughtUp(db.pool, projection.name, position)));
}


/** The log as `newsledger export` writes it: the lines `import` takes back, recorded_at included. */
async function exported(db: TestDatabase): Promise<unknown[]> {
  const store = new EventStore(db.pool);
  const lines: unknown[] = [];
  for (let after = 0; ; ) {
    const { events, last_position } = await store.readLog({ after, limit: 1000 });
    lines.push(...events.map(({ event_id, type, subject, occurred_on, occurred_precision, companies, regions, data, source, correlation_id, recorded_at }: RecordedEvent) =>
      ({ event_id, type, subject, occurred_on, occurred_precision, companies, regions, data, source, correlation_id, recorded_at })));
    if (last_position === null) return lines;
    after = last_position;
  }
}

describe('projection rebuilds', () => {
  let db: TestDatabase;
  let app: TestApp;
  let head: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Small batches, so that a rebuild takes several and the live projection moves between them.
    app = await startTestApp(db, { modules: [IngestModule, ReadModelsApiModule, ProjectorModule.withOptions({ batchSize: 50 })] });
    head = await record(app, [...seedProposals(), ...generatedProposals(6)]);
    await caughtUp(db, head);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const statuses = async () => ((await (await app.request('/v1/projections')).json()) as { data: ProjectionStatus[] }).data;

  async function rebuildAll(): Promise<void> {
    for (const { name } of PROJECTIONS) expect((await app.request(`/v1/projections/${name}/rebuild`, { method: 'POST' })).status).toBe(202);
    await untilAllLive();
  }

  async function untilAllLive(): Promise<void> {
    await eventually(async () => expect((await statuses()).filter((s) => s.state === 'rebuilding')).toEqual([]), { timeoutMs: 20_000 });
  }

  it('lists every projection with its position and lag, to admin keys only', async () => {
    expect(await statuses()).toEqual(
      PROJECTIONS.map(({ name }) => ({ name, position: head, lag_events: 0, lag_seconds: 0, state: 'live', error: null, progress: null })),
    );
    const { key } = await app.app.get(ApiKeysRepository).create('reader', ['read']);
    const forbidden = await app.request('/v1/projections', { key });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('takes a rebuild request with 202, answers 409 while it runs and 404 for an unknown projection', async () => {
    const first = await app.request('/v1/projections/rm_rules/rebuild', { method: 'POST' });
    expect({ status: first.status, body: await first.json() }).toEqual({ status: 202, body: { name: 'rm_rules', state: 'rebuilding' } });
    const again = await app.request('/v1/projections/rm_rules/rebuild', { method: 'POST' });
    expect({ status: again.status, body: await again.json() }).toMatchObject({ status: 409, body: { type: 'urn:newsledger:problem:conflict', state: 'rebuilding' } });
    const rules = (await statuses()).find((s) => s.name === 'rm_rules')!;
    expect(rules).toMatchObject({ state: 'rebuilding', progress: expect.any(Number) });
    const unknown = await app.request('/v1/projections/rm_nothing/rebuild', { method: 'POST' });
    expect({ status: unknown.status, body: await unknown.json() }).toMatchObject({ status: 404, body: { type: 'urn:newsledger:problem:not-found' } });
    await untilAllLive();
    expect((await app.request('/v1/rules?destination=CN')).status).toBe(200);
  });

  it('rebuilds exactly the rows the live projections hold, leaving no shadow behind', async () => {
    const live = await snapshot(db.pool);
    expect(live.find((t) => t.table === 'rm_rules')!.rows).toHaveLength(6);
    const tableIds = () => db.pool.query(`SELECT array_agg(t::regclass::oid ORDER BY t) AS ids FROM unnest($1::text[]) t`, [TABLES]);
    const replaced = (await tableIds()).rows[0].ids as number[];
    await rebuildAll();
    expect(await snapshot(db.pool)).toEqual(live);
    // Other tables than before: the rebuilt ones, swapped in.
    expect(((await tableIds()).rows[0].ids as number[]).filter((id) => replaced.includes(id))).toEqual([]);
    const leftovers = await db.pool.query(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%' UNION ALL SELECT name FROM checkpoints WHERE name LIKE '%:rebuild'`,
    );
    expect(leftovers.rows).toEqual([]);
    // The swapped-in tables kept the live index names.
    const { rows } = await db.pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'rm_companies' ORDER BY 1`);
    expect(rows.map((r) => r.indexname)).toEqual(['rm_companies_country', 'rm_companies_pkey', 'rm_companies_registered', 'rm_companies_search', 'rm_companies_unresolved']);
  });

  it('yields the same read models in an empty ledger that imports the export', async () => {
    const other = await createTestDatabase();
    const importer = await startTestApp(other, { modules: [IngestModule, ProjectorModule] });
    try {
      // One event per append, in the exported log order: the new ledger gives each event the same
      // position, so even the rows' positions compare equal.
      const last = await record(importer, await exported(db), 1);
      expect(last).toBe(head);
      await caughtUp(other, last);
      expect(await snapshot(other.pool)).toEqual(await snapshot(db.pool));
    } finally {
      await importer.close();
      await other.drop();
    }
  });

  it('keeps answering whole while writers append during a rebuild, and reflects every event after it', async () => {
    const count = async () => Number((await db.pool.query('SELECT count(*) FROM rm_companies')).rows[0].count);
    const before = await count();
    let writing = true;
    let copy = 100;
    let last = head;
    const writer = (async () => {
      while (writing) last = await record(app, generatedProposals(1, copy++));
    })();
    const seen: number[] = [];
    const answers: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        seen.push(await count());
        answers.push((await app.request('/v1/companies/zhipu')).status);
      }
    })();

    await rebuildAll();
    const copiesAtSwap = copy;
    while (copy < copiesAtSwap + 2) await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await writer;
    await caughtUp(db, last);
    reading = false;
    await reader;

    expect(copiesAtSwap).toBeGreaterThan(101);
    expect(seen.every((n, i) => n >= before && (i === 0 || n >= seen[i - 1]))).toBe(true);
    expect(new Set(answers)).toEqual(new Set([200]));
    for (const [table, kind] of [['rm_companies', 'company'], ['rm_listings', 'listing'], ['rm_acquisitions', 'acquisition'], ['rm_chiptrade', 'chiptrade'], ['rm_rules', 'rule']]) {
      // Every stream of the kind has its row, folded up to the stream's last event.
      const { rows } = await db.pool.query(
        `SELECT s.subject FROM (SELECT subject, max(global_position) AS last FROM events WHERE starts_with(subject, $1) GROUP BY subject) s
           LEFT JOIN ${table} r USING (subject) WHERE r.last_global_position IS DISTINCT FROM s.last`,
        [`${kind}:`],
      );
      expect({ table, stale: rows }).toEqual({ table, stale: [] });
    }
  });
});
