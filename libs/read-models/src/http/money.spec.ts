import { describe, expect, it } from '@jest/globals';
import { decimalAmount, withDecimalAmounts } from './money.js';

describe('decimalAmount', () => {
  it.each([
    [56_000_000_000, 'USD', '560000000.00'],
    [1455, 'JPY', '1455'],
    [1234, 'KWD', '1.234'],
    [5, 'USD', '0.05'],
    [-2696, 'HKD', '-26.96'],
    [0, 'EUR', '0.00'],
  ])('writes %d %s as %s, with the currency’s ISO 4217 minor-unit exponent', (minor, currency, amount) => {
    expect(decimalAmount(minor, currency)).toBe(amount);
  });
});

describe('withDecimalAmounts', () => {
  it('adds the decimal amount to every Money however deep, and changes nothing else', () => {
    const body = {
      data: [{ offer_price: { amount_minor: 3400, currency: 'USD' }, first_day: { close: { amount_minor: 1601, currency: 'JPY', approximate: false } } }],
      count: { amount_minor: 3 },
      note: 'amount_minor',
      next_cursor: null,
    };
    expect(withDecimalAmounts(body)).toEqual({
      data: [
        {
          offer_price: { amount: '34.00', amount_minor: 3400, currency: 'USD' },
          first_day: { close: { amount: '1601', amount_minor: 1601, currency: 'JPY', approximate: false } },
        },
      ],
      count: { amount_minor: 3 },
      note: 'amount_minor',
      next_cursor: null,
    });
  });

  it('passes on as it is what holds no Money, and copies class instances into plain objects as before', () => {
    class Point {
      constructor(readonly x: number) {}
      toJSON(): string {
        return 'point';
      }
    }
    const plain = { a: [{ b: 1 }], c: null };
    const body = { plain, priced: { price: { amount_minor: 5, currency: 'USD' } }, point: new Point(1) };
    const presented = withDecimalAmounts(body);
    expect(presented.plain).toBe(plain);
    expect(presented.priced.price).toEqual({ amount: '0.05', amount_minor: 5, currency: 'USD' });
    expect(JSON.stringify(presented.point)).toBe('{"x":1}');
    expect(body.priced.price).toEqual({ amount_minor: 5, currency: 'USD' });
  });
});
