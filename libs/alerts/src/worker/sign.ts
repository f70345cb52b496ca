import { createHmac } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/**
 * `webhook-signature`: one `v1,<base64>` per secret, space-separated, so receivers holding either
 * secret during a rotation verify. Signed bytes are `{id}.{timestamp}.{body}` (Standard Webhooks),
 * keyed by the secret's base64 part. node:crypto's HMAC, not the standardwebhooks package's pure-JS
 * SHA-256 (its signing was ~2 % of a busy worker's CPU); the tests verify with that package.
 */
export function signatureHeader(secrets: readonly string[], messageId: string, sentAt: Date, body: string): string {
  const signed = `${messageId}.${Math.floor(sentAt.getTime() / 1000)}.${body}`;
  return secrets.map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(signed).digest('base64')}`).join(' ');
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}
