import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { problems, sendProblem } from '@newsledger/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';

// Paths the service answers itself: an unknown one is a 404 problem, never the workspace's page.
const SERVICE_PATHS = /^\/(v1|health|metrics|docs|admin)(\/|$)/;
const HAS_EXTENSION = /\.[A-Za-z0-9]+$/;

// The workspace loads nothing from elsewhere (no CDN) and talks only to this origin.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/**
 * Serves the analyst workspace built by `npm run build` (Vite, into dist/web): hashed assets cached
 * for a year, and index.html for every page path so a shared link opens the page it names.
 */
export async function serveWorkspace(scope: FastifyInstance, { root }: { root: string }): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) {
    scope.get('/', (request, reply) =>
      sendProblem(reply, {
        ...problems.notFound(`The workspace is not built (${root}): run npm run build.`).problem,
        instance: request.url,
      }),
    );
    return;
  }
  // Assets are read from disk per request (wildcard), so a rebuild needs no restart.
  await scope.register(fastifyStatic, {
    root: path.join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    // Also called for index.html, sent from the root by the page route below.
    setHeaders: (reply: FastifyReply, file: string) =>
      void (path.basename(file) === 'index.html'
        ? reply.headers(PAGE_HEADERS)
        : reply.header('cache-control', 'public, max-age=31536000, immutable')),
  });
  scope.get('/*', (request, reply) => {
    const pathname = request.url.split('?')[0];
    if (SERVICE_PATHS.test(pathname) || HAS_EXTENSION.test(pathname)) return reply.callNotFound();
    return reply.sendFile('index.html', root);
  });
}
