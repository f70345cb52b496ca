/** The shapes the workspace reads. Fields it only displays stay `unknown` and go through <Value>. */

export type Json = Record<string, unknown>;

export interface LogEvent {
  event_id: string;
  type: string;
  subject: string;
  version: number;
  global_position: number;
  occurred_on: string | null;
  occurred_precision: string | null;
  recorded_at: string;
  companies: string[];
  regions: string[];
  correlation_id?: string | null;
  data: Json;
  source: Json;
}

export interface Review {
  review_id: string;
  jurisdiction: unknown;
  authority: unknown;
  regime: string | null;
  phase: string | null;
  state: string;
  outcome: string | null;
  conditions: unknown[];
  statutory_deadline: unknown;
  opened_on: unknown;
  decided_on: unknown;
  suspensory: boolean | null;
  supersedes_review_id?: string | null;
  [field: string]: unknown;
}

/** Every resource carries these beside its own fields. */
export interface Resource {
  id: string;
  subject: string;
  version: number;
  last_global_position: number;
  sources: Json[];
  confidence: string | null;
  provenance?: unknown;
  as_of?: unknown;
  valid_at?: unknown;
  [field: string]: unknown;
}

export interface Acquisition extends Resource {
  status: string;
  acquirer: unknown;
  target: unknown;
  reported_value: unknown;
  terms: Json | null;
  value_at_close: unknown;
  termination: Json | null;
  dates: Json;
  reviews: Review[];
}

export interface Listing extends Resource {
  status: string;
  company: unknown;
  venue: unknown;
  ticker: unknown;
  offer_price: unknown;
  gross_proceeds: unknown;
  valuation: unknown;
  first_day: { open_price?: unknown; first_day_close?: unknown; first_day_change_bp?: number | null } | null;
  dates: Json;
  reviews: Review[];
}

export interface ChipTrade extends Resource {
  export: Json;
  import: Json;
}

export interface Company extends Resource {
  registered: boolean;
  display_name: unknown;
  legal_name: unknown;
  aliases: { name: unknown; kind: unknown; lang: unknown }[];
  headquarters_country: unknown;
  relocations: Json[];
  identifiers: Json | null;
  key_people: Json[];
}

export interface TimelineEntry {
  event_id: string;
  subject: string;
  type: string;
  occurred_on: string | null;
  occurred_precision: string;
  recorded_at: string;
  global_position: number;
  source: Json;
  confidence: string;
}

export interface ChipApproval {
  chiptrade: string;
  side: 'export' | 'import';
  company: string | null;
  status: string;
  kind: string | null;
  quantity: number | null;
  conditions: unknown[];
  occurred_on: unknown;
  confidence: string;
  event_id: string;
  [field: string]: unknown;
}

export interface ListingStats {
  group_by: string;
  data: { key: string | null; count: number; gross_proceeds: { currency: string; amount_minor: number; amount?: string }[] }[];
}

export interface Subscription {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  filter: { companies: string[]; regions: string[]; jurisdictions: string[]; min_confidence: string | null };
  status: 'active' | 'disabled';
  disabled_reason: string | null;
  disabled_at: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Attempt {
  attempted_at: string;
  status_code: number | null;
  latency_ms?: number | null;
  error?: string | null;
  response_excerpt?: string | null;
  [field: string]: unknown;
}

export interface Delivery {
  id: string;
  subscription_id: string;
  message_id: string;
  event_type: string;
  event_id: string | null;
  global_position: number | null;
  replay_id: string | null;
  status: 'pending' | 'succeeded' | 'failed' | 'dead';
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  completed_at: string | null;
  created_at: string;
  attempts: Attempt[];
}

export interface Replay {
  id: string;
  status: string;
  matched: number;
  enqueued: number;
  progress: number;
  deliveries: Record<string, number>;
  error: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface ProjectionStatus {
  name: string;
  position: number;
  lag_events: number;
  lag_seconds: number;
  state: 'live' | 'rebuilding' | 'failed';
  /** Why the projection stopped (its consumer halted on an event it cannot process), null while it runs. */
  error: { message: string; position: number; since: string } | null;
  progress: number | null;
}
