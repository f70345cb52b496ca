import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Runtime } from '../bootstrap/runtime.js';
import { PROBLEM_CONTENT_TYPE, problems, type Problem } from './problem.js';

const BEARER = /^Bearer\s+(\S+)$/i;
// Health and metrics are probed by orchestrators and scrapers: never limited.
const UNLIMITED = /^\/(health|metrics)(\/|\?|$)/;

// Both the hook and the per-key limit ask for a request's digest: it is taken once.
const digests = new WeakMap<FastifyRequest, string | null>();

/** The key a request presents, as a digest: counting per key needs no database lookup and keeps no key. */
function presentedKey(request: FastifyRequest): string | null {
  let digest = digests.get(request);
  if (digest === undefined) {
    const match = BEARER.exec(request.headers.authorization ?? '');
    digest = match ? createHash('sha256').update(match[1]).digest('base64url') : null;
    digests.set(request, digest);
  }
  return digest;
}

function tooMany(detail: string, retryAfterSeconds: number): { problem: Problem; retryAfter: string } {
  return { problem: problems.rateLimited(detail).problem, retryAfter: String(Math.max(1, retryAfterSeconds)) };
}

/**
 * Rate limits (RATE_LIMIT_*), in the Fastify hooks so a flood costs no parsing and no database work:
 * per client IP (`trustProxy` makes it the forwarded client's) and per API key presented, over one
 * window across every route; and failed authentications per IP, harder: past that limit a 401 becomes
 * a 429, so keys cannot be guessed at speed, while a valid key is never refused for others' failures.
 * Counts live in this process (the embedded default) or in Redis when REDIS_URL is set, so replicas
 * share them; a Redis outage fails open (skipOnError): it must not stop ingest.
 */
export async function installRateLimits(instance: FastifyInstance, runtime: Runtime): Promise<void> {
  const { perKey, perIp, failedAuth, windowMs } = runtime.config.rateLimit;
  const redis = runtime.config.redisUrl
    ? new Redis(runtime.config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500, connectTimeout: 2_000 })
    : undefined;
  redis?.on('error', () => undefined); // it reconnects by itself; counting fails open meanwhile
  // Ledgers sharing a Redis (their database names differ) count apart; replicas of one ledger together.
  const nameSpace = `newsledger-rate:${new URL(runtime.databaseUrl).pathname.slice(1)}:`;
  await instance.register(fastifyRateLimit, { global: false, redis, nameSpace, skipOnError: true, timeWindow: windowMs });
  instance.addHook('onClose', async () => redis?.disconnect());

  const byIp = instance.createRateLimit({ max: perIp, timeWindow: windowMs, keyGenerator: (request) => `ip:${request.ip}` });
  const byKey = instance.createRateLimit({ max: perKey, timeWindow: windowMs, keyGenerator: (request) => `key:${presentedKey(request)}` });
  const failures = instance.createRateLimit({ max: failedAuth, timeWindow: windowMs, keyGenerator: (request) => `auth-failed:${request.ip}` });

  instance.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (UNLIMITED.test(request.url)) return;
    const checks = presentedKey(request) === null ? [['this address', byIp]] as const : ([['this address', byIp], ['this API key', byKey]] as const);
    for (const [who, check] of checks) {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        const { problem, retryAfter } = tooMany(`More than ${result.max} requests from ${who} in ${windowMs / 1000} s.`, result.ttlInSeconds);
        return reply.status(429).header('retry-after', retryAfter).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify({ ...problem, instance: request.url }));
      }
    }
  });

  // Every 401, from the pre-body gate or the guard, counts as a failure of its address.
  instance.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 401) return payload;
    const result = await failures(request);
    if (result.isAllowed || !result.isExceeded) return payload;
    const { problem, retryAfter } = tooMany(`More than ${failedAuth} failed authentications from this address in ${windowMs / 1000} s.`, result.ttlInSeconds);
    void reply.status(429).header('retry-after', retryAfter).header('content-type', PROBLEM_CONTENT_TYPE);
    return JSON.stringify({ ...problem, instance: request.url });
  });
}
