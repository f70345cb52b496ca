import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
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

  it('counts the compressed copies a kept page is sent in against its bound, and forgets them with the page', async () => {
    const cache = new ListPageCache(250);
    let builds = 0;
    // Random bytes do not shrink: each copy weighs about as much as the page.
    const build = async () => {
      builds += 1;
      return new JsonText(randomBytes(100));
    };
    const first = (await cache.answer('/a', 'v1', build)) as JsonText;
    await cache.answer('/b', 'v1', build);
    await first.encoded('gzip');
    expect(first.weight).toBeGreaterThan(200);
    // /a and its copy, /b: over the bound, so the least recently used (/a) went.
    await cache.answer('/b', 'v1', build);
    expect(builds).toBe(2);
    await cache.answer('/a', 'v1', build);
    expect(builds).toBe(3);
    // A copy made after its page was dropped no longer counts: /a (100) and /b (100) stay.
    await first.encoded('br');
    await cache.answer('/a', 'v1', build);
    await cache.answer('/b', 'v1', build);
    expect(builds).toBe(3);
  });
});
