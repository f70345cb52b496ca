import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor, toPage } from './page.js';

describe('keyset pages', () => {
  it('round-trips a sort key through an opaque cursor', () => {
    const cursor = encodeCursor(['chiptrade:nvidia-h200-us-cn', 'import', 3]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 3)).toEqual(['chiptrade:nvidia-h200-us-cn', 'import', 3]);
  });

  it('refuses a cursor it did not issue, or one of another list', () => {
    expect(() => decodeCursor('not json', 1)).toThrow('cursor');
    expect(() => decodeCursor(encodeCursor(['a', 1]), 1)).toThrow('cursor');
  });

  it('gives a next cursor only when the extra row shows another page', () => {
    const rows = [{ k: 'a' }, { k: 'b' }, { k: 'c' }];
    expect(toPage(rows, 2, (r) => [r.k], (r) => r.k)).toEqual({ data: ['a', 'b'], next_cursor: encodeCursor(['b']) });
    expect(toPage(rows, 3, (r) => [r.k], (r) => r.k)).toEqual({ data: ['a', 'b', 'c'], next_cursor: null });
  });
});
