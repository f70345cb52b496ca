import { createHash } from 'node:crypto';

/**
 * A UUID derived from the writer's key and its Idempotency-Key (and the event's place in a batch),
 * so a retried request maps onto the same event ids and the store's id idempotency answers it.
 */
export function idempotentEventId(apiKeyId: string | null, idempotencyKey: string, index: number | null): string {
  const digest = createHash('sha256').update(`${apiKeyId ?? ''}\u0000${idempotencyKey}\u0000${index ?? ''}`).digest();
  digest[6] = (digest[6] & 0x0f) | 0x50; // version 5 layout (name-based, SHA)
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
