import { describe, expect, it } from '@jest/globals';
import { storedOrder } from './json-text.js';

describe('storedOrder', () => {
  it('orders keys as jsonb does: fewer UTF-8 bytes first, then by bytes, at every depth', () => {
    const value = { é: 1, aa: 2, z: 3, b: [{ yy: 1, x: undefined, a: null }], a: { ab: 1, b: 2 } };
    expect(JSON.stringify(storedOrder(value))).toBe('{"a":{"b":2,"ab":1},"b":[{"a":null,"yy":1}],"z":3,"aa":2,"é":1}');
  });
});
