import type { Confidence } from '../confidence.js';
import type { StoredEvent } from '../envelope/envelope.types.js';
import type { z } from 'zod';

/** A counted event as the aggregates see it: corrections applied, with its effective confidence. */
export interface Fact extends StoredEvent {
  /** Effective confidence: the best of its own source and its corroborations. */
  confidence: Confidence;
  /** The `data` keys the catalog does not name, verbatim: states keep them so nothing an event says is lost. */
  details: Record<string, unknown>;
  /** Corrections applied to it, in recorded order. */
  corrected_by: { event_id: string; kind: 'refinement' | 'error' }[];
  /** Corroborations counted in its effective confidence. */
  corroborated_by: string[];
}

export type EventSchemas = Readonly<Record<string, z.ZodType>>;

/** The discriminated union `{ type, data }` of a table of data schemas. */
export type EventOf<S extends EventSchemas> = {
  [K in keyof S & string]: { type: K; data: z.infer<S[K]> };
}[keyof S & string];

/** A fact whose `type`/`data` are narrowed to one aggregate's events (data was validated on the way in). */
export type TypedFact<S extends EventSchemas> = Omit<Fact, 'type' | 'data'> & EventOf<S>;

export function typed<S extends EventSchemas>(fact: Fact): TypedFact<S> {
  return fact as unknown as TypedFact<S>;
}

/** The named fields a fact gave (not null, not absent), without `omit` (keys that say whose event it is). */
export function namedFields(fact: Fact, omit: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fact.data).filter(
      ([key, value]) => !omit.includes(key) && !(key in fact.details) && value !== null && value !== undefined,
    ),
  );
}
