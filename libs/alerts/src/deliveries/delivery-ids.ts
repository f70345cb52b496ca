import { createHash, randomUUID } from 'node:crypto';

/** A UUID (version 8, "custom") derived from its parts: the same parts always give the same id. */
function derivedUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\n')).digest().subarray(0, 16);
  bytes[6] = 0x80 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The delivery of an event to a subscription, by the router or by one replay. Derived, so a router
 * batch retried after a crash (or a resumed replay) finds the rows and jobs it already made.
 */
export function eventDeliveryId(subscriptionId: string, eventId: string, replayId: string | null = null): string {
  return replayId ? derivedUuid('replay', replayId, subscriptionId, eventId) : derivedUuid('event', subscriptionId, eventId);
}

/**
 * The job that carries several deliveries: named after its members, so a router batch retried after
 * a failed add derives the same job and BullMQ keeps the one it already has.
 */
export function groupJobId(deliveryIds: readonly string[]): string {
  return derivedUuid('job', ...deliveryIds);
}

/** webhook-id of an event for a subscription: the same for the first delivery, its retries and every replay. */
export function eventMessageId(subscriptionId: string, eventId: string): string {
  return messageIdOf(eventDeliveryId(subscriptionId, eventId));
}

/** A one-off message (test, operational): its own delivery id and message id. */
export function oneOffIds(): { id: string; messageId: string } {
  const id = randomUUID();
  return { id, messageId: messageIdOf(id) };
}

function messageIdOf(deliveryId: string): string {
  return `msg_${deliveryId.replaceAll('-', '')}`;
}
