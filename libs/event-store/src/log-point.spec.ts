import { describe, expect, it } from '@jest/globals';
import { isAtOrBefore } from './log-reads.js';

describe('isAtOrBefore (log order)', () => {
  const point = { transaction_id: '900', global_position: 50 };

  it('orders by transaction id first, so a higher position can come earlier', () => {
    expect(isAtOrBefore({ transaction_id: '899', global_position: 51 }, point)).toBe(true);
    expect(isAtOrBefore({ transaction_id: '901', global_position: 49 }, point)).toBe(false);
  });

  it('breaks ties within one transaction by position, inclusive', () => {
    expect(isAtOrBefore({ transaction_id: '900', global_position: 50 }, point)).toBe(true);
    expect(isAtOrBefore({ transaction_id: '900', global_position: 51 }, point)).toBe(false);
  });

  it('compares transaction ids as numbers, not text', () => {
    expect(isAtOrBefore({ transaction_id: '1000', global_position: 1 }, { transaction_id: '999', global_position: 9 })).toBe(false);
  });
});
