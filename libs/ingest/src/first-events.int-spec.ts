import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RuleViolation } from '@newsledger/domain';
import { EventIdConflict, EventStore, WrongExpectedVersion } from '@newsledger/event-store';
import { createAppContext, loadConfig, startRuntime, type Runtime } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { BatchItemFailed } from './ingest-errors.js';
import { IngestModule } from './ingest.module.js';
import { RecordEventsCommand } from './record-events.command.js';

const WRITER = { allowRecordedAt: false, apiKeyId: null, requestId: null, idempotencyKey: null };
const SOURCE = { source_id: 's', publisher: 'P', genre: 'news', published_at: '2026-01-01', language: 'en', confidence: 'reported' };

const registered = (slug: string) => ({
  event_id: randomUUID(),
  type: 'company.registered',
  subject: `company:${slug}`,
  occurred_on: '2026-01-01',
  occurred_precision: 'day',
  data: { display_name: slug },
  source: SOURCE,
});
const aliasAdded = (slug: string) => ({
  ...registered(slug),
  type: 'company.alias_added',
  data: { alias: { name: `${slug} alias`, kind: 'brand', lang: null } },
});

// A stream the write path has not seen is guessed to be new and written without a read; these are
// the cases where the guess is wrong (another process wrote the stream), each answered as if it had read.
describe('first events of a stream, written without reading it', () => {
  let db: TestDatabase;
  const runtimes: Runtime[] = [];
  const contexts: INestApplicationContext[] = [];
  /** Two processes' write paths on one database: neither knows the streams the other wrote. */
  const record = (process: number, events: object[], expected_version?: number) =>
    contexts[process]
      .get(CommandBus)
      .execute(new RecordEventsCommand(events.map((event) => (expected_version === undefined ? event : { ...event, expected_version })), WRITER));
  const failure = async (promise: Promise<unknown>): Promise<BatchItemFailed> => {
    try {
      await promise;
    } catch (error) {
      return error as BatchItemFailed;
    }
    throw new Error('expected the write to fail');
  };
  const count = async () => Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count);

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const name of ['first', 'second']) {
      const runtime = await startRuntime(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { applicationName: name, log: () => undefined });
      runtimes.push(runtime);
      contexts.push(await createAppContext(runtime, [IngestModule]));
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    for (const runtime of runtimes) await runtime.close();
    await db.drop();
  });

  it('reads no stream for a new subject, and reads a stream it has written to', async () => {
    const read = jest.spyOn(contexts[0].get(EventStore), 'findAndReadStreams');
    const [first] = await record(0, [registered('fresh')]);
    expect(first).toMatchObject({ subject: 'company:fresh', version: 1, duplicate: false });
    expect(read).not.toHaveBeenCalled();
    const [second] = await record(0, [aliasAdded('fresh')]);
    expect(second).toMatchObject({ version: 2, duplicate: false });
    expect(read).toHaveBeenCalledTimes(1);
    read.mockRestore();
  });

  it('judges an event for a stream another process wrote by that stream’s history', async () => {
    const [original] = await record(0, [registered('elsewhere')]);
    const before = await count();
    const again = await failure(record(1, [registered('elsewhere')]));
    expect(again.cause).toBeInstanceOf(RuleViolation);
    expect((again.cause as RuleViolation).code).toBe('company.already_registered');
    expect(await count()).toBe(before);
    const [alias] = await record(1, [aliasAdded('elsewhere')]);
    expect(alias).toMatchObject({ subject: original.subject, version: 2, duplicate: false });
  });

  it('answers the expected version, a resend and a reused id as the path that reads does', async () => {
    const event = registered('resent');
    const [original] = await record(0, [event]);
    const stale = await failure(record(1, [registered('resent')], 0));
    expect(stale.cause).toBeInstanceOf(WrongExpectedVersion);
    expect(stale.cause).toMatchObject({ expected: 0, current: 1 });
    expect(await record(1, [event])).toEqual([{ ...original, duplicate: true }]);
    const reused = await failure(record(1, [{ ...event, data: { display_name: 'Other' } }]));
    expect(reused.cause).toBeInstanceOf(EventIdConflict);
    expect((await db.pool.query(`SELECT version FROM events WHERE subject = 'company:resent'`)).rows).toEqual([{ version: 1 }]);
  });

  it('reads the streams of a request over several, new or not', async () => {
    await record(0, [registered('batch-old')]);
    const read = jest.spyOn(contexts[1].get(EventStore), 'findAndReadStreams');
    const results = await record(1, [registered('batch-new'), aliasAdded('batch-old'), aliasAdded('batch-new')]);
    expect(results.map((r) => [r.subject, r.version])).toEqual([
      ['company:batch-new', 1],
      ['company:batch-old', 2],
      ['company:batch-new', 2],
    ]);
    expect(read).toHaveBeenCalledTimes(1);
    read.mockRestore();
  });
});
