import { describe, expect, it } from '@jest/globals';
import { Coalescer } from './coalescer.js';

describe('Coalescer', () => {
  it('sends concurrent items as one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const double = new Coalescer(async (items: number[]) => (batches.push(items), items.map((n) => n * 2)));
    expect(await Promise.all([1, 2, 3].map((n) => double.submit(n)))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('splits at maxBatch and fails only the batch that failed', async () => {
    const failing = new Coalescer(async (items: number[]) => {
      if (items.includes(3)) throw new Error('boom');
      return items;
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => failing.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });
});
