import type { RecordedEvent } from '@newsledger/event-store';

/** An event as the API shows it: the envelope plus its place in the log; write metadata stays internal. */
export function presentEvent(event: RecordedEvent) {
  const { event_id, type, subject, version, global_position, schema_version, occurred_on, occurred_precision } = event;
  const { recorded_at, companies, regions, correlation_id, data, source } = event;
  return {
    event_id,
    type,
    subject,
    version,
    global_position,
    schema_version,
    occurred_on,
    occurred_precision,
    recorded_at,
    companies,
    regions,
    correlation_id,
    data,
    source,
  };
}
