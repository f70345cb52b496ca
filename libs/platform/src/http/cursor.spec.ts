import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { cursorInteger, cursorText, decodeCursor, encodeCursor, PAGE_BYTES, toPage } from './cursor.js';

const approvalKey = z.tuple([cursorText, z.enum(['export', 'import']), cursorInteger]);
const opaque = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('keyset pages', () => {
  it('round-trips a sort key through an opaque cursor', () => {
    const cursor = encodeCursor(['chiptrade:nvidia-h200-us-cn', 'import', 3]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, approvalKey)).toEqual(['chiptrade:nvidia-h200-us-cn', 'import', 3]);
  });

  // Regressions (issue 10): crafted cursors reached SQL and answered 500.
  it.each([
    ['not base64 JSON', 'not json'],
    ['another list’s key', encodeCursor(['a', 1])],
    ['a non-date where a date goes', opaque(['notadate', 1])],
    ['three strings', opaque(['x', 'y', 'z'])],
    ['a NUL', opaque(['\u0000', 'export', 1])],
    ['a number past bigint', opaque(['a', 'export', 1e20])],
    ['an object', opaque({ at: '0000-01-01T00:00:00Z' })],
  ])('refuses %s with a 400 problem', (_name, cursor) => {
    expect(() => decodeCursor(cursor, approvalKey)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ status: 400 }) }));
  });

  it('gives a next cursor only when the extra row shows another page', () => {
    const rows = [{ k: 'a' }, { k: 'b' }, { k: 'c' }];
    expect(toPage(rows, 2, (r) => [r.k], (r) => r.k)).toEqual({ data: ['a', 'b'], next_cursor: encodeCursor(['b']) });
    expect(toPage(rows, 3, (r) => [r.k], (r) => r.k)).toEqual({ data: ['a', 'b', 'c'], next_cursor: null });
  });

  it('ends a page early once its rows reach PAGE_BYTES, resuming after the last row shown', () => {
    const big = 'x'.repeat(PAGE_BYTES / 4);
    const rows = Array.from({ length: 10 }, (_, i) => ({ k: String(i), big }));
    const page = toPage(rows, 9, (r) => [r.k], (r) => r);
    expect(page.data).toHaveLength(4);
    expect(page.next_cursor).toBe(encodeCursor(['3']));
    expect(toPage([{ k: '0', big: big.repeat(8) }], 5, (r) => [r.k], (r) => r).data).toHaveLength(1);
  });
});
