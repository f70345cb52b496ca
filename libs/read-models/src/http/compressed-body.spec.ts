import { describe, expect, it } from '@jest/globals';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { contentCodingFor } from './compressed-body.js';
import { JsonText } from './json-text.js';

describe('contentCodingFor', () => {
  it('prefers brotli, takes gzip when only it is accepted, and honours q=0', () => {
    expect(contentCodingFor('gzip, deflate, br, zstd', 50_000)).toBe('br');
    expect(contentCodingFor('gzip, deflate', 50_000)).toBe('gzip');
    expect(contentCodingFor('br;q=0, gzip', 50_000)).toBe('gzip');
    expect(contentCodingFor('*', 50_000)).toBe('br');
  });

  it('sends the bytes as they are without a header, for codings it does not have, and for small bodies', () => {
    expect(contentCodingFor(undefined, 50_000)).toBeNull();
    expect(contentCodingFor('identity', 50_000)).toBeNull();
    expect(contentCodingFor('deflate, zstd', 50_000)).toBeNull();
    expect(contentCodingFor('gzip;q=0, br;q=0', 50_000)).toBeNull();
    expect(contentCodingFor('br, gzip', 200)).toBeNull();
  });
});

describe('JsonText.encoded', () => {
  const text = new JsonText(Buffer.from(JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ id: `company-${i}`, name: 'Zhipu AI' })) })));

  it('compresses to bytes that decompress to the page', async () => {
    expect(brotliDecompressSync(await text.encoded('br')).equals(text.bytes)).toBe(true);
    expect(gunzipSync(await text.encoded('gzip')).equals(text.bytes)).toBe(true);
    expect((await text.encoded('br')).length).toBeLessThan(text.bytes.length / 4);
  });

  it('compresses a body once per coding, for every reader of a kept page', () => {
    expect(text.encoded('gzip')).toBe(text.encoded('gzip'));
    expect(text.encoded('br')).not.toBe(text.encoded('gzip'));
  });
});
