import { createHmac } from 'node:crypto';

// Standard Webhooks' secret format: this prefix, then the key in base64.
const SECRET_PREFIX = 'whsec_';

/**
 * `webhook-signature`: one `v1,<base64>` per secret, space-separated, so receivers holding either
 * secret during a rotation verify. Signed bytes are `{id}.{timestamp}.{body}` (Standard Webhooks).
 * HMAC-SHA256 through node:crypto, as the standardwebhooks package signs but natively: its pure-JS
 * SHA-256 was a twentieth of a worker's CPU per delivery.
 */
export function signatureHeader(secrets: readonly string[], messageId: string, sentAt: Date, body: string): string {
  const signed = `${messageId}.${Math.floor(sentAt.getTime() / 1000)}.${body}`;
  return secrets.map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(signed).digest('base64')}`).join(' ');
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}
