import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { EVENT_TYPES } from '@newsledger/domain';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '@newsledger/testing';
import { apiApp } from '../api.app.js';

interface Operation {
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown; examples?: Record<string, unknown>; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown; example?: unknown }> }>;
}
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, Record<string, string>>;
    schemas: Record<string, { oneOf?: { properties: { type: { const: string } } }[] }>;
  };
};

// Served beside the API but not part of it: the docs themselves, Bull Board's own UI and API, and the workspace's pages.
const NOT_API = /^\/docs|^\/admin\/queues(?!\/session$)|\*/;

/** Every route Fastify serves, from its route tree (`printRoutes`), as `METHOD /path/{param}`. */
function registeredRoutes(tree: string): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const path = (depth > 0 ? prefixes[depth - 1] : '') + match[2];
    prefixes[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD' && !NOT_API.test(path)) routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes.sort();
}

describe('the OpenAPI document', () => {
  let db: TestDatabase;
  let api: TestApp;
  let document: Document;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp(db, apiApp);
    document = (await (await api.request('/docs/openapi.json', { key: null })).json()) as Document;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('is valid OpenAPI 3.1 by swagger-parser', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('documents every route the app serves, and nothing else', () => {
    const routes = registeredRoutes(api.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(40);
    expect(
      operations()
        .map((o) => o.route)
        .sort(),
    ).toEqual(routes);
  });

  it('gives every operation a summary, a description, described parameters, a success answer with its schema and example, and its problems', () => {
    for (const { route, operation } of operations()) {
      const context = `${route}: `;
      expect(context + (operation.summary ?? '')).toMatch(/: \S/);
      // The scopes sentence is added to every protected operation; its own description must come before it.
      expect(context + (operation.description ?? '').replace(/(^|\n\n)Needs .*$/, '')).toMatch(/: \S.{20,}/);
      for (const parameter of operation.parameters ?? [])
        expect(`${context}${parameter.in} ${parameter.name}: ${parameter.description ?? ''}`).toMatch(/: \S+/);
      for (const media of Object.values(operation.requestBody?.content ?? {}))
        expect({ route, example: Boolean(media.examples ?? media.example) }).toEqual({ route, example: true });
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ route, success: success.length > 0 }).toEqual({ route, success: true });
      for (const [, response] of success) {
        for (const media of Object.values(response.content ?? {}))
          expect({ route, schema: Boolean(media.schema), example: media.example !== undefined }).toEqual({
            route,
            schema: true,
            example: true,
          });
      }
      const problems = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
      expect(problems.map(([status]) => status)).toContain('500');
      for (const [, response] of problems) expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
    }
  });

  it('describes the key as an API key, not a JWT, with the scopes each operation needs', () => {
    const schemes = Object.values(document.components.securitySchemes);
    expect(schemes).toEqual([expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'API key' })]);
    expect(document.paths['/v1/events'].post.security).toEqual([{ api_key: ['events:write'] }]);
    expect(document.paths['/health/ready'].get.security).toEqual([]);
    expect(Object.keys(document.paths['/v1/api-keys'].get.responses)).toEqual(expect.arrayContaining(['401', '403']));
  });

  it('lists Idempotency-Key once, optional', () => {
    for (const path of ['/v1/events', '/v1/events/batch']) {
      const headers = (document.paths[path].post.parameters ?? []).filter((p) => p.name.toLowerCase() === 'idempotency-key');
      expect(headers).toEqual([expect.objectContaining({ in: 'header', required: false })]);
    }
  });

  it('documents POST /v1/events as a oneOf over the catalog, from the schemas that validate it', () => {
    const body = document.paths['/v1/events'].post.requestBody!.content['application/json'].schema;
    expect(body).toEqual({ $ref: '#/components/schemas/EventProposal' });
    const variants = document.components.schemas.EventProposal.oneOf!;
    expect(variants.map((v) => v.properties.type.const)).toEqual(EVENT_TYPES);
  });

  it('serves the event catalog to read keys: every type, its aggregate, its data schema and its rules', async () => {
    expect((await api.request('/v1/catalog', { key: null })).status).toBe(401);
    const catalog = (await (await api.request('/v1/catalog')).json()) as {
      types: { type: string; aggregate: string; data_schema: object; rules: { sentence: string }[] }[];
    };
    expect(catalog.types.map((t) => t.type)).toEqual(EVENT_TYPES);
    expect(catalog.types.find((t) => t.type === 'acquisition.completed')).toMatchObject({
      aggregate: 'acquisition',
      data_schema: { type: 'object' },
      rules: expect.arrayContaining([expect.objectContaining({ sentence: 'A deal blocked by a prohibition cannot complete.' })]),
    });
  });

  it('serves the AsyncAPI document of the webhooks without a key', async () => {
    const response = await api.request('/docs/asyncapi.json', { key: null });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { asyncapi: string }).asyncapi).toBe('3.0.0');
  });
});
