import type { Confidence } from '../confidence.js';
import type { Precision } from '../envelope/value-types.js';
import { emptyBookkeeping, type Bookkeeping } from '../stream/bookkeeping.js';

export interface SignalFact {
  event_id: string;
  type: string;
  occurred_on: string | null;
  occurred_precision: Precision;
  data: Record<string, unknown>;
  confidence: Confidence;
}

/** Signals drive no state: they accumulate facts, in valid-time order. */
export interface SignalState extends Bookkeeping {
  kind: 'signal';
  facts: SignalFact[];
}

export function initialSignal(subject: string): SignalState {
  return { ...emptyBookkeeping(subject), kind: 'signal', facts: [] };
}
