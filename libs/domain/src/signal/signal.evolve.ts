import type { Fact } from '../stream/fact.js';
import type { SignalState } from './signal.state.js';

export function evolveSignal(state: SignalState, fact: Fact): SignalState {
  const { event_id, type, occurred_on, occurred_precision, data, confidence } = fact;
  return { ...state, facts: [...state.facts, { event_id, type, occurred_on, occurred_precision, data, confidence }] };
}
