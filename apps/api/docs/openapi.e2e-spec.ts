import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { writeFileSync } from 'node:fs';
import { apiApp } from '../api.app.js';

describe('the OpenAPI document', () => {
  let db: TestDatabase;
  let api: TestApp;
  let document: any;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp(db, apiApp);
    document = await (await api.request('/docs/openapi.json', { key: null })).json();
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('dumps', async () => {
    writeFileSync('/tmp/i11-openapi.json', JSON.stringify(document, null, 2));
    writeFileSync('/tmp/i11-routes.txt', api.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
    await SwaggerParser.validate(structuredClone(document));
  });
});
