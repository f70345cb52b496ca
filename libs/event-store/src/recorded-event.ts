/** An event as stored in the log and returned by every read (snake_case, like the domain's StoredEvent). */
export interface RecordedEvent {
  event_id: string;
  type: string;
  subject: string;
  /** Position in its stream: 1, 2, 3… without holes. */
  version: number;
  /** Unique and almost always increasing; the log's order is (transaction_id, global_position). */
  global_position: number;
  /** The xid8 of the appending transaction, as text. */
  transaction_id: string;
  schema_version: number;
  data: Record<string, unknown>;
  /** Correlation, causation and request ids, the API key that wrote it. */
  metadata: Record<string, unknown>;
  source: Record<string, unknown>;
  companies: string[];
  regions: string[];
  /** 'YYYY-MM-DD' */
  occurred_on: string | null;
  occurred_precision: string;
  correlation_id: string | null;
  /** ISO 8601 */
  recorded_at: string;
}

export interface EventToAppend {
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  source: Record<string, unknown>;
  companies: string[];
  regions: string[];
  occurred_on: string | null;
  occurred_precision: string;
  correlation_id: string | null;
  /** Only for admin backfills and imports; the commit's transaction time otherwise. */
  recorded_at?: string | null;
}

/** A stream's version number, or: no check, a stream that has no events yet, a stream that has some. */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'exists';

export interface AppendedEvent {
  event_id: string;
  version: number;
  global_position: number;
  recorded_at: string;
  /** The event was already stored with this content; these are its original figures. */
  duplicate: boolean;
}

export interface AppendResult {
  subject: string;
  /** The version of the last event of the call (the stream's version after a fresh append). */
  version: number;
  /** One per event, in call order. */
  events: AppendedEvent[];
}

/** The events to append to one stream, and the version it must be at. */
export interface AppendBatch {
  subject: string;
  events: EventToAppend[];
  expected: ExpectedVersion;
}

/** The columns of a RecordedEvent, for every query that returns events. */
export const EVENT_COLUMNS = `e.event_id, e.type, e.subject, e.version, e.global_position, e.transaction_id::text AS transaction_id,
  e.schema_version, e.data, e.metadata, e.source, e.companies, e.regions, e.occurred_on, e.occurred_precision,
  e.correlation_id, e.recorded_at`;
