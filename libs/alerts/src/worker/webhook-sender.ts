import { Agent, request } from 'undici';
import { guardedLookup } from '../url-safety/guarded-lookup.js';
import { parseRetryAfter } from './retry-schedule.js';

/** The attempt log keeps this much of each answer. */
export const RESPONSE_EXCERPT_BYTES = 20 * 1024;

export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  excerpt: string | null;
  /** Why no answer came (timeout, refused address, connection error). */
  error: string | null;
  retryAfterMs: number | null;
}

export interface SenderSettings {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Connections per endpoint origin; the per-subscription in-flight cap keeps this from being the limit. */
  connectionsPerOrigin: number;
}

/**
 * POSTs webhooks through one pooled undici Agent. Redirects are not followed (undici's `request`
 * follows none), so a 3xx is a failed attempt like any other non-2xx.
 */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(private readonly settings: SenderSettings) {
    this.agent = new Agent({
      connections: settings.connectionsPerOrigin,
      keepAliveTimeout: 30_000,
      connect: { timeout: settings.timeoutMs, ...(settings.allowPrivate ? {} : { lookup: guardedLookup() }) },
    });
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
      });
      const excerpt = await readCapped(response.body);
      return {
        statusCode: response.statusCode,
        latencyMs: latency(),
        excerpt,
        error: null,
        retryAfterMs: parseRetryAfter(response.headers['retry-after']),
      };
    } catch (error) {
      return { statusCode: null, latencyMs: latency(), excerpt: null, error: describe(error, this.settings.timeoutMs), retryAfterMs: null };
    }
  }

  /** Waits for requests in flight. */
  close(): Promise<void> {
    return this.agent.close();
  }

  /** Aborts requests in flight. */
  destroy(): Promise<void> {
    return this.agent.destroy();
  }
}

/** Reads at most RESPONSE_EXCERPT_BYTES; leaving the loop early destroys the rest of the stream. */
async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_EXCERPT_BYTES) break;
  }
  // PostgreSQL text refuses NUL; a cut multi-byte character becomes U+FFFD.
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8').replaceAll('\u0000', '');
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.message && err.cause.message !== err.message ? ` (${err.cause.message})` : '';
  return `${err.code ? `${err.code}: ` : ''}${err.message ?? String(error)}${cause}`;
}
