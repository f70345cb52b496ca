import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from './recorded-event.js';
import { upcastEvent, type UpcasterRegistry } from './upcasting.js';

const stored = (type: string, schema_version: number, data: Record<string, unknown>) => ({ type, schema_version, data }) as RecordedEvent;

describe('upcastEvent', () => {
  const registry: UpcasterRegistry = {
    'listing.priced': [
      // v1 → v2: a bare number became money
      ({ price, ...rest }) => ({ ...rest, offer_price: { amount_minor: price, currency: 'HKD' } }),
      // v2 → v3: currency moved next to the amount's precision
      (data) => ({ ...data, precision: 'exact' }),
    ],
  };

  it('lifts an old shape through every later version to the current one', () => {
    expect(upcastEvent(registry, stored('listing.priced', 1, { price: 1650, venue: 'XHKG' }))).toEqual({
      type: 'listing.priced',
      schema_version: 3,
      data: { venue: 'XHKG', offer_price: { amount_minor: 1650, currency: 'HKD' }, precision: 'exact' },
    });
  });

  it('starts from the stored version', () => {
    const v2 = stored('listing.priced', 2, { offer_price: { amount_minor: 1, currency: 'USD' } });
    expect(upcastEvent(registry, v2)).toMatchObject({
      schema_version: 3,
      data: { offer_price: { amount_minor: 1, currency: 'USD' }, precision: 'exact' },
    });
  });

  it('leaves current shapes and types without upcasters untouched', () => {
    const current = stored('listing.priced', 3, { precision: 'exact' });
    const other = stored('listing.announced', 1, { a: 1 });
    expect(upcastEvent(registry, current)).toBe(current);
    expect(upcastEvent(registry, other)).toBe(other);
  });
});
