import type { RecordedEvent } from '@newsledger/event-store';
import { matches, type Criteria, type EventFacts } from '../subscriptions/criteria.js';
import { eventDeliveryId, eventMessageId } from './delivery-ids.js';
import type { NewDelivery } from './delivery.js';
import { eventBody } from './webhook-body.js';

export interface Recipient {
  readonly id: string;
  readonly criteria: Criteria;
}

export function eventFacts(event: RecordedEvent, jurisdiction: string | null): EventFacts {
  const confidence = event.source.confidence;
  return {
    type: event.type,
    companies: event.companies,
    regions: event.regions,
    jurisdiction,
    confidence: typeof confidence === 'string' ? confidence : null,
  };
}

/** One delivery per recipient whose criteria the event meets; a replay's carry its id and `replay: true`. */
export function planDeliveries(
  event: RecordedEvent,
  jurisdiction: string | null,
  recipients: readonly Recipient[],
  replayId: string | null = null,
): NewDelivery[] {
  const facts = eventFacts(event, jurisdiction);
  const wanted = recipients.filter((recipient) => matches(recipient.criteria, facts));
  if (wanted.length === 0) return [];
  const payload = eventBody(event, replayId !== null);
  return wanted.map((recipient) => ({
    id: eventDeliveryId(recipient.id, event.event_id, replayId),
    subscription_id: recipient.id,
    message_id: eventMessageId(recipient.id, event.event_id),
    event_type: event.type,
    event_id: event.event_id,
    global_position: event.global_position,
    event_recorded_at: event.recorded_at,
    replay_id: replayId,
    payload,
  }));
}
