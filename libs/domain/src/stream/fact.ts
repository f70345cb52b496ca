import type { Confidence } from '../confidence.js';
import type { StoredEvent } from '../envelope/envelope.types.js';
import type { z } from 'zod';

/** A counted event as the aggregates see it: corrections applied, with its effective confidence. */
export interface Fact extends StoredEvent {
  confidence: Confidence;
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
