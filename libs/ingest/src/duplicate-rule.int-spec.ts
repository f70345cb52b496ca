import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventIdConflict } from '@newsledger/event-store';
import { createAppContext, loadConfig, startRuntime, type Runtime } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import fc from 'fast-check';
import { BatchItemFailed } from './ingest-errors.js';
import { IngestModule } from './ingest.module.js';
import { RecordEventsCommand } from './record-events.command.js';

const WRITER = { allowRecordedAt: false, apiKeyId: null, requestId: null, idempotencyKey: null };
const SOURCE = { source_id: 's', publisher: 'P', genre: 'news', published_at: '2026-01-01', language: 'en', confidence: 'reported' };

// A resend with the same event_id is the same event only when every content field matches; any other
// difference (companies and regions included) is an id reused for other content: 409, nothing written.
describe('the duplicate rule', () => {
  let db: TestDatabase;
  let runtime: Runtime;
  let context: INestApplicationContext;
  const record = (event: object) => context.get(CommandBus).execute(new RecordEventsCommand([event], WRITER));

  beforeAll(async () => {
    db = await createTestDatabase();
    runtime = await startRuntime(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { applicationName: 'dup-test', log: () => undefined });
    context = await createAppContext(runtime, [IngestModule]);
  });
  afterAll(async () => {
    await context.close();
    await runtime.close();
    await db.drop();
  });

  const changes = {
    companies: (e: Record<string, unknown>) => ({ ...e, companies: [...(e.companies as string[]), 'company:someone-else'] }),
    regions: (e: Record<string, unknown>) => ({ ...e, regions: ['US'] }),
    data: (e: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), display_name: 'Other' } }),
    source: (e: Record<string, unknown>) => ({ ...e, source: { ...SOURCE, publisher: 'Q' } }),
    occurred_on: (e: Record<string, unknown>) => ({ ...e, occurred_on: '2026-01-02' }),
    correlation_id: (e: Record<string, unknown>) => ({ ...e, correlation_id: randomUUID() }),
  };

  it('answers a resend as a duplicate exactly when no content field differs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(Object.keys(changes) as (keyof typeof changes)[]), async (changed) => {
        const slug = `dup-${randomUUID().slice(0, 8)}`;
        const original = {
          event_id: randomUUID(),
          type: 'company.registered',
          subject: `company:${slug}`,
          occurred_on: '2026-01-01',
          occurred_precision: 'day',
          companies: [`company:${slug}`],
          regions: ['CN'],
          data: { display_name: slug },
          source: SOURCE,
        };
        const [first] = await record(original);
        const resend = changed.reduce<Record<string, unknown>>((event, field) => changes[field](event), { ...original });
        const outcome = await record(resend).then(
          ([result]) => ({ duplicate: result.duplicate, global_position: result.global_position }),
          (error: unknown) => (error instanceof BatchItemFailed && error.cause instanceof EventIdConflict ? 'conflict' : error),
        );
        expect(outcome).toEqual(changed.length === 0 ? { duplicate: true, global_position: first.global_position } : 'conflict');
      }),
      { numRuns: 30 },
    );
  });
});
