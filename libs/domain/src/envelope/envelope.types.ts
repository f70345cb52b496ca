import type { Precision } from '../values/dates.js';
import type { Source } from './source.schema.js';

/** A proposed event after envelope validation (what POST /v1/events carries, normalised). */
export interface NewEvent {
  event_id: string;
  type: string;
  subject: string;
  occurred_on: string | null;
  occurred_precision: Precision;
  data: Record<string, unknown>;
  source: Source;
  /** The client's list, every CompanyRef found in `data`, and the subject itself on company streams; deduped, sorted. */
  companies: string[];
  regions: string[];
  correlation_id: string | null;
  /** Kept only for admin backfills; null otherwise. */
  recorded_at: string | null;
  schema_version: number;
}

/** An event as stored in the log. */
export interface StoredEvent extends Omit<NewEvent, 'recorded_at'> {
  version: number;
  global_position: number;
  recorded_at: string;
}

export interface FieldError {
  path: string;
  message: string;
}

export interface Warning {
  path: string;
  message: string;
}

export type ProposalResult =
  { ok: true; event: NewEvent; expected_version: number | null; warnings: Warning[] } | { ok: false; errors: FieldError[] };
