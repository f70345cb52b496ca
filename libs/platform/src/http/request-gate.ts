import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeysRepository } from '../auth/api-keys.repository.js';
import type { AuthenticatedRequest } from '../auth/api-key.guard.js';
import { sendProblem } from './problem.filter.js';
import { PROBLEM_CONTENT_TYPE, problems, problemType, type Problem } from './problem.js';

/** Longer request targets are a 414; Node refuses a request line and headers over 16 KB with a 431 (clientErrorHandler). */
export const MAX_URL_LENGTH = 8 * 1024;
// The queue dashboard authenticates with its own cookie (libs/alerts dashboard), not a Bearer key.
const COOKIE_AUTHENTICATED = /^\/admin\/queues(\/|\?|$)/;
const BEARER = /^Bearer\s+(\S+)$/i;

const carriesBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Checks that cost nothing and come before any work: the URL's length and text (a NUL in a path or
 * query would reach PostgreSQL), and — for a request that carries a body — the API key, so that a
 * client without a valid key is answered 401 before its body is read, let alone parsed. No route that
 * takes a body is public. The key found is kept on the request for ApiKeyGuard.
 */
export function installRequestGate(instance: FastifyInstance, keys: ApiKeysRepository): void {
  instance.addHook('onRequest', async (request: AuthenticatedRequest, reply: FastifyReply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      return refuse(reply, problems.uriTooLong(`The request target is ${request.url.length} characters; at most ${MAX_URL_LENGTH} are read.`).problem);
    }
    if (/%00/i.test(request.url)) {
      return refuse(reply, problems.validation('The URL contains a NUL character (%00).', { errors: [{ path: '/url', message: 'contains a NUL character' }] }).problem, request.url);
    }
    if (!carriesBody(request) || COOKIE_AUTHENTICATED.test(request.url)) return;
    const match = BEARER.exec(request.headers.authorization ?? '');
    const key = match ? await keys.findActiveByKey(match[1]) : null;
    if (!key) {
      const detail = match ? 'The API key is unknown or revoked.' : 'Send Authorization: Bearer <key>.';
      return refuse(reply, problems.unauthorized(detail).problem, request.url, { 'www-authenticate': 'Bearer', connection: 'close' });
    }
    request.apiKey = key;
  });
}

function refuse(reply: FastifyReply, problem: Problem, instance?: string, headers: Record<string, string> = {}): FastifyReply {
  sendProblem(reply, instance ? { ...problem, instance } : problem, headers);
  return reply;
}

/**
 * Errors Node meets before Fastify has a request — headers over 16 KB (431), a request that did not
 * arrive within HTTP_REQUEST_TIMEOUT (408), unparsable HTTP (400) — answered as problem+json too.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const titles: Record<number, [string, string]> = {
    431: ['headers-too-large', 'The request headers (or request line) exceed 16 KB'],
    408: ['request-timeout', 'The request did not arrive in time'],
    400: ['malformed-http', 'The request is not valid HTTP'],
  };
  const [code, title] = titles[status];
  const body = JSON.stringify({ type: problemType(code), title, status } satisfies Problem);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** Errors of Fastify's router before a route is found (a malformed percent-escape in the path), as problems. */
export function frameworkErrors(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, { type: problemType('malformed-url'), title: 'The URL is malformed', status: 400, detail: error.message });
}
