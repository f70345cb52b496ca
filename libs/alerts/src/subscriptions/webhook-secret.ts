import { randomBytes } from 'node:crypto';

/** Standard Webhooks secrets: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** After a rotation the old secret signs beside the new one for this long. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
