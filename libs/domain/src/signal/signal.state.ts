import type { Confidence } from '../confidence.js';
import { initialState, type Bookkeeping } from '../stream/bookkeeping.js';
import type { Dated } from '../values/dates.js';

/** A signal fact: the event's data verbatim (named and unnamed keys alike), dated, with its effective confidence. */
export interface SignalFact {
  type: string;
  occurred_on: Dated | null;
  data: Record<string, unknown>;
  confidence: Confidence;
}

/** Signals drive no state: they accumulate facts, in valid-time order. */
export interface SignalState extends Bookkeeping {
  kind: 'signal';
  facts: SignalFact[];
}

export function initialSignal(subject: string): SignalState {
  return initialState<SignalState>(subject, { kind: 'signal', facts: [] });
}
