import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IngestModule } from '@newsledger/ingest';
import { createAppContext, loadConfig, PROJECT_ROOT, startRuntime, type Runtime } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { importFile } from './import.command.js';
import { directTarget } from './import-targets.js';

const SEED = path.join(PROJECT_ROOT, 'data/seed-article.jsonl');

describe('newsledger import (straight to the database)', () => {
  let db: TestDatabase;
  let runtime: Runtime;
  let context: INestApplicationContext;
  const target = () => directTarget(context.get(CommandBus));
  const count = async () => Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count);

  beforeAll(async () => {
    db = await createTestDatabase();
    runtime = await startRuntime(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { applicationName: 'cli-test', log: () => undefined });
    context = await createAppContext(runtime, [IngestModule]);
  });
  afterAll(async () => {
    await context.close();
    await runtime.close();
    await db.drop();
  });

  it('imports the seed fixture with no rejection, and a re-run adds nothing', async () => {
    const first = await importFile(SEED, target(), 10);
    expect(first).toEqual({ imported: 32, present: 0, rejected: [] });
    expect(await count()).toBe(32);
    const again = await importFile(SEED, target(), 10);
    expect(again).toEqual({ imported: 0, present: 32, rejected: [] });
    expect(await count()).toBe(32);
  });

  it('reports each rejected line by number and keeps the good ones', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-import-'));
    const file = path.join(dir, 'mixed.jsonl');
    const source = { source_id: 's', publisher: 'P', genre: 'news', published_at: '2026-01-01', language: 'en', confidence: 'reported' };
    const company = (slug: string, type = 'company.registered') =>
      JSON.stringify({ type, subject: `company:${slug}`, occurred_on: '2026-01-01', occurred_precision: 'day', data: { display_name: slug }, source });
    await writeFile(file, [company('good-one'), '{not json', company('bad-type', 'company.vanished'), '', company('good-two')].join('\n'));
    const before = await count();
    const report = await importFile(file, target(), 500);
    expect(report.imported).toBe(2);
    expect(report.rejected.map((r) => r.lineNumber)).toEqual([2, 3]);
    expect(report.rejected[0].reason).toMatch(/JSON/);
    expect(await count()).toBe(before + 2);
    // Lines without event ids get stable derived ids, so running the file again adds nothing.
    await importFile(file, target(), 500);
    expect(await count()).toBe(before + 2);
  });

  it('derives ids from a line and its occurrence, so a line inserted above re-imports nothing below it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-import-'));
    const file = path.join(dir, 'insert.jsonl');
    const source = { source_id: 's2', publisher: 'P', genre: 'news', published_at: '2026-01-01', language: 'en', confidence: 'reported' };
    const line = (slug: string) =>
      JSON.stringify({ type: 'company.registered', subject: `company:${slug}`, occurred_on: '2026-01-01', occurred_precision: 'day', data: { display_name: slug }, source });
    await writeFile(file, [line('ins-a'), line('ins-b'), line('ins-c')].join('\n'));
    expect(await importFile(file, target(), 2)).toEqual({ imported: 3, present: 0, rejected: [] });
    await writeFile(file, [line('ins-new'), line('ins-a'), line('ins-b'), line('ins-c')].join('\n'));
    expect(await importFile(file, target(), 2)).toEqual({ imported: 1, present: 3, rejected: [] });
  });
});
