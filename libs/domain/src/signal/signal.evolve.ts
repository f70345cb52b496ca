import type { Fact } from '../stream/fact.js';
import { stated } from '../stream/provenance.js';
import { datedOf } from '../values/dates.js';
import type { SignalState } from './signal.state.js';

export function evolveSignal(state: SignalState, fact: Fact): SignalState {
  const { type, occurred_on, occurred_precision, data, confidence } = fact;
  const signal = { type, occurred_on: datedOf(occurred_on, occurred_precision), data, confidence };
  return stated(state, fact, { facts: [...state.facts, signal] }, [`facts.${state.facts.length}`]);
}
