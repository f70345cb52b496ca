import type { Confidence } from '../confidence.js';
import type { NewEvent, StoredEvent } from '../envelope/envelope.types.js';
import type { Source } from '../envelope/source.schema.js';
import type { Precision } from '../values/dates.js';

export interface EventOptions {
  /** `'2026-01-15'` (day), `'2026-01'` (month), `'2026-Q2'` (quarter), `'2026'` (year); omitted: undated. */
  on?: string;
  /** Defaults to a readable id derived from the type; rule violations name it. */
  id?: string;
  confidence?: Confidence;
  source?: Partial<Source>;
}

function validTime(on: string | undefined): { occurred_on: string | null; occurred_precision: Precision } {
  if (on === undefined) return { occurred_on: null, occurred_precision: 'unknown' };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(on);
  if (quarter)
    return { occurred_on: `${quarter[1]}-${String(Number(quarter[2]) * 3 - 2).padStart(2, '0')}-01`, occurred_precision: 'quarter' };
  if (/^\d{4}$/.test(on)) return { occurred_on: `${on}-01-01`, occurred_precision: 'year' };
  if (/^\d{4}-\d{2}$/.test(on)) return { occurred_on: `${on}-01`, occurred_precision: 'month' };
  return { occurred_on: on, occurred_precision: 'day' };
}

/** A proposal as parseProposal would hand it over, with test defaults. */
export function event(type: string, subject: string, data: Record<string, unknown>, options: EventOptions = {}): NewEvent {
  return {
    event_id: options.id ?? type.slice(type.indexOf('.') + 1),
    type,
    subject,
    ...validTime(options.on),
    data,
    source: { source_id: 'src:test-wire', publisher: 'Test Wire', confidence: options.confidence ?? 'reported', ...options.source },
    companies: [],
    regions: [],
    correlation_id: null,
    recorded_at: null,
    schema_version: 1,
  };
}

const EPOCH = Date.UTC(2026, 2, 1);

/** The recording time of the n-th append in a test stream: one minute apart. */
export function recordedAt(n: number): string {
  return new Date(EPOCH + n * 60_000).toISOString();
}

/** Stores proposals as the event store would after `before` events: one append each, or all at `now`. */
export function stored(events: readonly NewEvent[], before = 0, now?: string): StoredEvent[] {
  return events.map((e, i) => ({
    ...e,
    version: before + i + 1,
    global_position: before + i + 1,
    recorded_at: e.recorded_at ?? now ?? recordedAt(before + i),
  }));
}

/** A day-precision date as folded states show it. */
export function day(date: string): { date: string; precision: 'day' } {
  return { date, precision: 'day' };
}
