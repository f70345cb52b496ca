import type { RecordedEvent } from '@newsledger/event-store';

/**
 * The JSON body of API.md's "Subscriptions and webhooks", as text: it is stored and signed as is.
 * `timestamp` is when the ledger recorded the event.
 */
export function eventBody(event: RecordedEvent, replay: boolean): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.recorded_at,
    data: {
      event_id: event.event_id,
      global_position: event.global_position,
      subject: event.subject,
      version: event.version,
      occurred_on: event.occurred_on,
      occurred_precision: event.occurred_precision,
      recorded_at: event.recorded_at,
      companies: event.companies,
      regions: event.regions,
      payload: event.data,
      source: event.source,
      confidence: event.source.confidence ?? null,
      replay,
    },
  });
}

/** An operational message (`subscription.*`), sent now. */
export function operationalBody(type: string, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: new Date().toISOString(), data: { ...data, replay: false } });
}
