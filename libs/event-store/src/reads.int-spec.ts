import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PG_POOL } from '@newsledger/platform';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { EventStore } from './event-store.js';
import { EventStoreModule } from './event-store.module.js';
import type { RecordedEvent } from './recorded-event.js';
import { newEvent, untilReadable } from './testing/events.fixture.js';
import { EVENT_UPCASTERS, type UpcasterRegistry } from './upcasting.js';

const upcasters: UpcasterRegistry = {
  'company.renamed': [({ name, ...rest }) => ({ ...rest, new_name: name })],
};

describe('EventStore reads', () => {
  let db: TestDatabase;
  let store: EventStore;
  const positions = (events: RecordedEvent[]) => events.map((e) => e.global_position);

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool, upcasters);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('answers 0 and empty pages on an empty log', async () => {
    expect(await store.head()).toBe(0);
    expect(await store.streamVersion('listing:none')).toBe(0);
    expect(await store.readLog({})).toEqual({ events: [], last_position: null });
    expect(await store.readStream('listing:none')).toEqual([]);
  });

  it('reads a stream in version order, from a version, as of a log position or a moment', async () => {
    const s = 'listing:zhipu-xhkg-2026';
    const early = await store.append(
      s,
      [newEvent({ recorded_at: '2026-01-02T00:00:00.000Z' }), newEvent({ recorded_at: '2026-01-02T00:00:00.000Z' })],
      'no_stream',
    );
    await store.append('listing:other', [newEvent()], 'no_stream');
    await store.append(s, [newEvent({ recorded_at: '2026-02-01T00:00:00.000Z' })], 2);
    const versions = (events: RecordedEvent[]) => events.map((e) => e.version);
    expect(versions(await store.readStream(s))).toEqual([1, 2, 3]);
    expect(versions(await store.readStream(s, { fromVersion: 2 }))).toEqual([2, 3]);
    expect(versions(await store.readStream(s, { untilPosition: early.events[1].global_position }))).toEqual([1, 2]);
    expect(versions(await store.readStream(s, { untilRecordedAt: '2026-01-15T00:00:00Z' }))).toEqual([1, 2]);
    const [first] = await store.readStream(s);
    expect(first).toMatchObject({
      recorded_at: '2026-01-02T00:00:00.000Z',
      occurred_on: '2026-01-08',
      transaction_id: expect.stringMatching(/^\d+$/),
    });
  });

  it('reads several streams in one call, each in version order, empty for unknown subjects', async () => {
    const streams = await store.readStreams(['listing:zhipu-xhkg-2026', 'listing:other', 'listing:none']);
    expect([...streams.keys()]).toEqual(['listing:zhipu-xhkg-2026', 'listing:other', 'listing:none']);
    expect(streams.get('listing:zhipu-xhkg-2026')!.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(streams.get('listing:other')!.map((e) => e.version)).toEqual([1]);
    expect(streams.get('listing:none')).toEqual([]);
  });

  it('finds events by id and reads whole streams in one call, as the two reads would', async () => {
    const subjects = ['listing:other', 'listing:zhipu-xhkg-2026', 'listing:none'];
    const ids = [...(await store.readStream('listing:zhipu-xhkg-2026')).slice(1).map((e) => e.event_id), '00000000-0000-4000-8000-000000000000'];
    const { found, streams } = await store.findAndReadStreams(ids, subjects);
    expect(found).toEqual(await store.findByEventIds(ids));
    expect(found).toHaveLength(2);
    expect(streams).toEqual(await store.readStreams(subjects));
  });

  it('pages through the log after a position without gaps or repeats', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++)
      last = (await store.append(`listing:page-${i % 3}`, [newEvent(), newEvent()], 'any')).events[1].global_position;
    await untilReadable(store, last);
    const { events: all } = await store.readLog({ limit: 1000 });
    const paged: RecordedEvent[] = [];
    let after = 0;
    for (;;) {
      const { events, last_position } = await store.readLog({ after, limit: 4 });
      if (last_position === null) break;
      paged.push(...events);
      after = last_position;
    }
    expect(positions(paged)).toEqual(positions(all));
    expect(new Set(positions(all)).size).toBe(all.length);
    expect(all.at(-1)?.global_position).toBe(last);
    expect(positions((await store.readLog({ after: all[4].global_position, limit: 2 })).events)).toEqual(positions(all.slice(5, 7)));
  });

  it('filters the log by type prefix, subject and company', async () => {
    const a = await store.append(
      'acquisition:meta-manus-2025',
      [newEvent({ type: 'acquisition.announced', companies: ['company:meta', 'company:manus'] })],
      'any',
    );
    const b = await store.append(
      'acquisition:meta-manus-2025',
      [newEvent({ type: 'acquisition.review_opened', companies: ['company:manus'] })],
      'any',
    );
    await store.append('acquisitions:not-a-prefix-match', [newEvent({ type: 'acquisitions.other', companies: [] })], 'any');
    await untilReadable(store, b.events[0].global_position);
    const ids = async (filter: Parameters<EventStore['readLog']>[0]) =>
      (await store.readLog({ limit: 1000, ...filter })).events.map((e) => e.event_id);
    const [announced, reviewOpened] = [a.events[0].event_id, b.events[0].event_id];
    expect(await ids({ typePrefix: 'acquisition.' })).toEqual([announced, reviewOpened]);
    expect(await ids({ typePrefix: 'acquisition.review' })).toEqual([reviewOpened]);
    expect(await ids({ subject: 'acquisition:meta-manus-2025' })).toEqual([announced, reviewOpened]);
    expect(await ids({ company: 'company:meta' })).toEqual([announced]);
    expect(await ids({ company: 'company:manus', after: a.events[0].global_position })).toEqual([reviewOpened]);
  });

  it('finds events by id, and lifts older stored shapes to the current one on every read', async () => {
    const old = newEvent({ type: 'company.renamed', data: { name: 'Z.ai' } });
    const {
      events: [appended],
    } = await store.append('company:zhipu', [old], 'no_stream');
    await untilReadable(store, appended.global_position);
    const lifted = { event_id: old.event_id, schema_version: 2, data: { new_name: 'Z.ai' } };
    expect(await store.findByEventIds([old.event_id, '00000000-0000-4000-8000-000000000000'])).toEqual([expect.objectContaining(lifted)]);
    expect(await store.readStream('company:zhipu')).toEqual([expect.objectContaining(lifted)]);
    expect((await store.readLog({ subject: 'company:zhipu' })).events).toEqual([expect.objectContaining(lifted)]);
    const { rows } = await db.pool.query('SELECT schema_version, data FROM events WHERE event_id = $1', [old.event_id]);
    expect(rows[0]).toEqual({ schema_version: 1, data: { name: 'Z.ai' } });
  });

  it('is provided by EventStoreModule, with the upcasters a global module provides', async () => {
    @Global()
    @Module({
      providers: [
        { provide: PG_POOL, useValue: db.pool },
        { provide: EVENT_UPCASTERS, useValue: upcasters },
      ],
      exports: [PG_POOL, EVENT_UPCASTERS],
    })
    class Globals {}
    const moduleRef = await Test.createTestingModule({ imports: [Globals, EventStoreModule] }).compile();
    const provided = moduleRef.get(EventStore);
    expect(await provided.head()).toBe(await store.head());
    expect((await provided.readStream('company:zhipu'))[0].data).toEqual({ new_name: 'Z.ai' });
    await moduleRef.close();
  });
});
