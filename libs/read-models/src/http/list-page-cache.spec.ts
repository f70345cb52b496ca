import { describe, expect, it } from '@jest/globals';
import { JsonText } from './json-text.js';
import { ListPageCache } from './list-page-cache.js';

const page = (bytes: number) => new JsonText(Buffer.alloc(bytes, 'x'));

describe('ListPageCache', () => {
  it('builds a page once for every request of its version, kept or under way, and again for a new version', async () => {
    const cache = new ListPageCache(1_000);
    let builds = 0;
    const build = async () => {
      builds += 1;
      return page(10);
    };
    const [first, second] = await Promise.all([cache.answer('/a', 'v1', build), cache.answer('/a', 'v1', build)]);
    expect(second).toBe(first);
    expect(await cache.answer('/a', 'v1', build)).toBe(first);
    expect(builds).toBe(1);
    expect(await cache.answer('/a', 'v2', build)).not.toBe(first);
    expect(builds).toBe(2);
  });

  it('keeps neither failures nor answers other than JSON text, and shares them only with requests under way', async () => {
    const cache = new ListPageCache(1_000);
    let builds = 0;
    const failing = async () => {
      builds += 1;
      throw new Error('query failed');
    };
    await Promise.all([expect(cache.answer('/a', 'v1', failing)).rejects.toThrow('query failed'), expect(cache.answer('/a', 'v1', failing)).rejects.toThrow()]);
    const empty = async () => {
      builds += 1;
      return { data: [], next_cursor: null };
    };
    await cache.answer('/a', 'v1', empty);
    await cache.answer('/a', 'v1', empty);
    expect(builds).toBe(3);
  });

  it('drops the least recently used pages once they weigh more than its bound, and never keeps a page over it', async () => {
    const cache = new ListPageCache(250);
    let builds = 0;
    const build = (bytes: number) => async () => {
      builds += 1;
      return page(bytes);
    };
    await cache.answer('/a', 'v1', build(100));
    await cache.answer('/b', 'v1', build(100));
    await cache.answer('/a', 'v1', build(100));
    await cache.answer('/c', 'v1', build(100));
    expect(builds).toBe(3);
    await cache.answer('/a', 'v1', build(100));
    expect(builds).toBe(3);
    await cache.answer('/b', 'v1', build(100));
    expect(builds).toBe(4);
    await cache.answer('/big', 'v1', build(300));
    await cache.answer('/big', 'v1', build(300));
    expect(builds).toBe(6);
  });
});
