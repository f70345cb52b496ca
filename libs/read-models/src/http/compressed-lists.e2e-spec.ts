import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { request } from 'undici';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ProjectorModule } from '../projector.module.js';
import { ReadModelsApiModule } from '../read-models-api.module.js';
import { recordProjected } from '../testing/projected-ledger.js';
import { seedEvents } from '../testing/seed-events.js';

/** List pages go out compressed to clients that accept it, and as the same JSON once decompressed. */
describe('compressed list pages', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule] });
    await recordProjected(db, seedEvents());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  // undici's request, unlike fetch, hands the bytes over as they came.
  async function get(path: string, acceptEncoding?: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${app.adminKey}` };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    const response = await request(app.baseUrl + path, { headers });
    return { status: response.statusCode, headers: response.headers, bytes: Buffer.from(await response.body.arrayBuffer()) };
  }

  it.each([
    ['br', 'gzip, deflate, br', brotliDecompressSync],
    ['gzip', 'gzip;q=1, br;q=0', gunzipSync],
  ])('sends %s to a client that asks for it, the same page once decompressed', async (coding, acceptEncoding, decompress) => {
    for (const path of ['/v1/companies', '/v1/acquisitions', '/v1/chip-approvals']) {
      const plain = await get(path);
      const encoded = await get(path, acceptEncoding);
      expect({ path, status: encoded.status, coding: encoded.headers['content-encoding'] }).toEqual({ path, status: 200, coding });
      expect(encoded.headers.vary).toMatch(/accept-encoding/i);
      expect(encoded.bytes.length).toBeLessThan(plain.bytes.length);
      expect(decompress(encoded.bytes).toString()).toBe(plain.bytes.toString());
    }
  });

  it('sends the JSON as it is without Accept-Encoding, for identity, and for a page too small to gain', async () => {
    for (const [path, acceptEncoding] of [['/v1/companies', undefined], ['/v1/companies', 'identity'], ['/v1/companies?q=nobody-by-this-name', 'br, gzip']] as const) {
      const response = await get(path, acceptEncoding);
      expect({ path, acceptEncoding, coding: response.headers['content-encoding'] }).toEqual({ path, acceptEncoding, coding: undefined });
      expect(JSON.parse(response.bytes.toString())).toHaveProperty('data');
    }
  });
});
