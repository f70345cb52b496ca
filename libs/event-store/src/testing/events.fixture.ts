import { randomUUID } from 'node:crypto';
import { eventually } from '@newsledger/testing';
import type { EventToAppend } from '../recorded-event.js';

/** An event to append in tests: a listing being priced, unless `overrides` say otherwise. */
export function newEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    event_id: randomUUID(),
    type: 'listing.priced',
    schema_version: 1,
    data: { offer_price: { amount_minor: 1650, currency: 'HKD' } },
    source: {
      source_id: 'src:test',
      publisher: 'Test Wire',
      genre: 'news',
      published_at: '2026-02-11',
      language: 'en',
      confidence: 'reported',
    },
    companies: ['company:zhipu'],
    regions: ['HK'],
    occurred_on: '2026-01-08',
    occurred_precision: 'day',
    correlation_id: null,
    ...overrides,
  };
}

export function newEvents(count: number, overrides: Partial<EventToAppend> = {}): EventToAppend[] {
  return Array.from({ length: count }, () => newEvent(overrides));
}

/**
 * Waits until the log's readable head is `position`. Reads stop at the oldest transaction still running
 * anywhere on the server, so another suite's open transaction can hold back what a test just appended.
 */
export async function untilReadable(store: { head(): Promise<number> }, position: number, timeoutMs = 10_000): Promise<void> {
  await eventually(
    async () => {
      if ((await store.head()) < position) throw new Error(`position ${position} not readable within ${timeoutMs} ms`);
    },
    { timeoutMs, intervalMs: 10 },
  );
}
