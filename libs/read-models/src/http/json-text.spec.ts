import { describe, expect, it } from '@jest/globals';
import { encodeCursor, PAGE_BYTES } from '@newsledger/platform';
import { documentPage, storedOrder } from './json-text.js';

describe('storedOrder', () => {
  it('orders keys as jsonb does: fewer UTF-8 bytes first, then by bytes, at every depth', () => {
    const value = { é: 1, aa: 2, z: 3, b: [{ yy: 1, x: undefined, a: null }], a: { ab: 1, b: 2 } };
    expect(JSON.stringify(storedOrder(value))).toBe('{"a":{"b":2,"ab":1},"b":[{"a":null,"yy":1}],"z":3,"aa":2,"é":1}');
  });

  it('gives an object met at several places (a credit shared by paths) the same order at each, as if they were copies', () => {
    const by = { source_id: 's', event_id: 'e', corrected_by: [], confidence: 'reported' };
    const list = [by, 1];
    const shared = { facts: { status: by, 'terms.price': by }, lists: [list, list] };
    const copies = JSON.parse(JSON.stringify(shared)) as unknown;
    expect(JSON.stringify(storedOrder(shared))).toBe(JSON.stringify(storedOrder(copies)));
    expect(JSON.stringify(storedOrder(shared))).toBe(
      '{"facts":{"status":{"event_id":"e","source_id":"s","confidence":"reported","corrected_by":[]},' +
        '"terms.price":{"event_id":"e","source_id":"s","confidence":"reported","corrected_by":[]}},' +
        '"lists":[[{"event_id":"e","source_id":"s","confidence":"reported","corrected_by":[]},1],[{"event_id":"e","source_id":"s","confidence":"reported","corrected_by":[]},1]]}',
    );
  });
});

describe('documentPage', () => {
  const page = (rows: { id: string; doc: string }[], limit: number) =>
    documentPage(
      rows,
      limit,
      (r) => r.doc,
      (r) => [r.id],
    ).bytes.toString('utf8');

  it('joins the documents into {data, next_cursor} as UTF-8, with a cursor after the last one sent when more rows came', () => {
    const rows = ['{"id":"智谱"}', '{"id":"é"}', '{"id":"c"}'].map((doc, i) => ({ id: String(i), doc }));
    expect(page(rows, 2)).toBe(`{"data":[{"id":"智谱"},{"id":"é"}],"next_cursor":${JSON.stringify(encodeCursor(['1']))}}`);
    expect(page(rows, 3)).toBe('{"data":[{"id":"智谱"},{"id":"é"},{"id":"c"}],"next_cursor":null}');
    expect(page([], 3)).toBe('{"data":[],"next_cursor":null}');
  });

  it('ends the page at the document that reaches PAGE_BYTES, counting UTF-8 bytes, not characters', () => {
    // Each document is PAGE_BYTES / 2 bytes but fewer characters: the second one reaches the budget.
    const doc = `"${'é'.repeat(PAGE_BYTES / 4 - 1)}"`;
    const rows = ['a', 'b', 'c'].map((id) => ({ id, doc }));
    expect(page(rows, 3)).toBe(`{"data":[${doc},${doc}],"next_cursor":${JSON.stringify(encodeCursor(['b']))}}`);
  });
});
