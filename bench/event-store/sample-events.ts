import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@newsledger/event-store';

/** An event the size and shape of the seed article's: an acquisition review opening, with its source. */
export function sampleEvent(): EventToAppend {
  return {
    event_id: randomUUID(),
    type: 'acquisition.review_opened',
    schema_version: 1,
    data: {
      review_id: 'cn-1',
      jurisdiction: 'CN',
      authority: 'MOFCOM',
      regime: 'export_control',
      phase: 'initial',
      opened_on: '2026-01-08',
    },
    metadata: { request_id: randomUUID(), api_key_id: randomUUID(), correlation_id: null },
    source: {
      source_id: 'src:cnn-2026-02-11',
      publisher: 'CNN',
      author: 'John Liu',
      genre: 'analysis',
      published_at: '2026-02-11',
      language: 'en',
      confidence: 'reported',
    },
    companies: ['company:meta', 'company:manus'],
    regions: ['CN', 'US'],
    occurred_on: '2026-01-08',
    occurred_precision: 'day',
    correlation_id: null,
  };
}

// The baseline table has the events table's columns, defaults, constraints and indexes, and nothing else.
export const RAW_TABLE_SQL = 'CREATE TABLE bench_raw_events (LIKE events INCLUDING ALL)';

const COLUMNS = [
  'subject',
  'version',
  'event_id',
  'type',
  'schema_version',
  'data',
  'metadata',
  'source',
  'companies',
  'regions',
  'occurred_on',
  'occurred_precision',
  'correlation_id',
];

/** One INSERT statement of `events` as versions `firstVersion`… of `subject` into the baseline table. */
export function rawInsert(subject: string, firstVersion: number, events: EventToAppend[]): { text: string; values: unknown[] } {
  const values = events.flatMap((e, i) => [
    subject,
    firstVersion + i,
    e.event_id,
    e.type,
    e.schema_version,
    e.data,
    e.metadata,
    e.source,
    e.companies,
    e.regions,
    e.occurred_on,
    e.occurred_precision,
    e.correlation_id,
  ]);
  const rows = events.map((_, i) => `(${COLUMNS.map((__, c) => `$${i * COLUMNS.length + c + 1}`).join(', ')})`);
  return { text: `INSERT INTO bench_raw_events (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, values };
}
