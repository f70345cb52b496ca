import { Webhook } from 'standardwebhooks';

/**
 * `webhook-signature`: one `v1,<base64>` per secret, space-separated, so receivers holding either
 * secret during a rotation verify. Signed bytes are `{id}.{timestamp}.{body}` (Standard Webhooks).
 */
export function signatureHeader(secrets: readonly string[], messageId: string, sentAt: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, sentAt, body)).join(' ');
}
