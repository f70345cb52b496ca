import type { Confidence } from '../confidence.js';
import type { Fact } from './fact.js';

/** Which event, from which source, stated a fact of a state. */
export interface StatedBy {
  event_id: string;
  type: string;
  source_id: string;
  publisher: string;
  /** The source's own confidence. */
  confidence: Confidence;
  /** With corroborations: what the fact is worth now. */
  effective_confidence: Confidence;
  corrected_by: Fact['corrected_by'];
  corroborated_by: string[];
}

/**
 * The bookkeeping of a state, as a feature: per fact, the event that last stated it. Keys are paths
 * into the state: `status`, `terms.consideration`, `reviews.eu-ec-1` (the review as a whole: its latest
 * event), `reviews.eu-ec-1.outcome`, `details.<key>`; items of keyed collections go by their key
 * (`import.approvals.company:deepseek`), of plain lists by their index (`price_moves.0`).
 */
export interface Provenance {
  facts: Record<string, StatedBy>;
  /** Events that stopped counting (retracted and not un-retracted). */
  retracted_event_ids: string[];
}

export function emptyProvenance(): Provenance {
  return { facts: {}, retracted_event_ids: [] };
}

function statedBy(fact: Fact): StatedBy {
  return {
    event_id: fact.event_id,
    type: fact.type,
    source_id: fact.source.source_id,
    publisher: fact.source.publisher,
    confidence: fact.source.confidence,
    effective_confidence: fact.confidence,
    corrected_by: fact.corrected_by,
    corroborated_by: fact.corroborated_by,
  };
}

/** `provenance` with each of `paths` stated by `fact`. */
export function credit(provenance: Provenance, fact: Fact, paths: readonly string[]): Provenance {
  if (paths.length === 0) return provenance;
  const by = statedBy(fact);
  return { ...provenance, facts: { ...provenance.facts, ...Object.fromEntries(paths.map((path) => [path, by])) } };
}

/** The event that stated `path`, for rules that name the events involved; null when none did. */
export function statedEvent(provenance: Provenance, path: string): string | null {
  return provenance.facts[path]?.event_id ?? null;
}

/** The paths a fact's unnamed keys take under `prefix` (`details.<key>` or `reviews.x.details.<key>`). */
export function detailPaths(fact: Fact, prefix = ''): string[] {
  return Object.keys(fact.details).map((key) => `${prefix}details.${key}`);
}

/** A state with `changes` applied, crediting `paths` (by default the keys changed) to `fact`. */
export function stated<S extends { provenance: Provenance }>(
  state: S,
  fact: Fact,
  changes: Partial<S>,
  paths: readonly string[] = Object.keys(changes),
): S {
  return { ...state, ...changes, provenance: credit(state.provenance, fact, paths) };
}

/** A state with the fact's unnamed keys merged into its `details` (latest statement wins), each credited. */
export function withDetails<S extends { provenance: Provenance; details: Record<string, unknown> }>(state: S, fact: Fact): S {
  if (Object.keys(fact.details).length === 0) return state;
  return { ...state, details: { ...state.details, ...fact.details }, provenance: credit(state.provenance, fact, detailPaths(fact)) };
}
