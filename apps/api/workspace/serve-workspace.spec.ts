import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serveWorkspace } from './serve-workspace.js';

describe('serving the workspace', () => {
  let root: string;
  let server: FastifyInstance;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'newsledger-workspace-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>workspace</title>');
    await writeFile(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    server = Fastify();
    server.get('/v1/events', async () => ({ data: [] }));
    await server.register(serveWorkspace, { root });
    await server.ready();
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it.each(['/', '/deals/meta-manus-2025', '/listings?venue=XHKG&as_of=2026-01-15'])(
    'answers the page %s with index.html, uncached, same-origin only',
    async (url) => {
      const response = await server.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<title>workspace</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    },
  );

  it('serves hashed assets cached for a year, including those of a rebuild made while it runs', async () => {
    const response = await server.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await writeFile(path.join(root, 'assets', 'index-def456.js'), 'console.log(2)');
    expect((await server.inject({ url: '/assets/index-def456.js' })).body).toBe('console.log(2)');
  });

  it.each(['/v1/no-such-route', '/docs/nothing', '/health/whatever', '/admin/other', '/assets/missing.js', '/favicon.ico'])(
    'leaves %s to the service (a 404, not the page)',
    async (url) => {
      const response = await server.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('<title>workspace</title>');
    },
  );

  it('keeps the service routes', async () => {
    expect((await server.inject({ url: '/v1/events' })).json()).toEqual({ data: [] });
  });

  it('says how to build the workspace when dist/web is missing', async () => {
    const bare = Fastify();
    await bare.register(serveWorkspace, { root: path.join(root, 'not-built') });
    const response = await bare.inject({ url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().detail).toContain('npm run build');
    await bare.close();
  });
});
