import { aggregate, type AggregateState } from './aggregates.js';
import type { StoredEvent } from './envelope/envelope.types.js';
import { resolveStream, type ResolvedStream } from './stream/resolve-stream.js';

/**
 * Folds a stream (in any array order) into its aggregate's state: meta-events applied, facts in
 * valid-time order. Never checks rules, so read models and as-of queries always get a state.
 */
export function foldSubject(subject: string, events: StoredEvent[]): AggregateState {
  return foldResolved(resolveStream(subject, events));
}

/** The state of a stream already resolved, for callers that resolve a stream once for several uses. */
export function foldResolved({ kind, facts, bookkeeping }: ResolvedStream): AggregateState {
  const { initial, evolve } = aggregate(kind);
  const { retracted_event_ids, ...stream } = bookkeeping;
  const state = facts.reduce(evolve, initial(bookkeeping.subject));
  // Not a literal of spreads: V8 (Node 20) copies into one on a slow path (see initialState).
  return Object.assign({}, state, stream, { provenance: { ...state.provenance, retracted_event_ids } });
}
