import { CONFIDENCE_ORDER, confidenceRank, type Confidence } from '@newsledger/domain';
import { matchesEventType, OPERATIONAL_TYPES } from './event-types.js';

/** What a subscription asks for. Empty lists do not narrow. */
export interface Criteria {
  readonly event_types: readonly string[];
  readonly companies: readonly string[];
  readonly regions: readonly string[];
  readonly jurisdictions: readonly string[];
  readonly min_confidence: Confidence | null;
}

/** The parts of an event that subscriptions filter on. */
export interface EventFacts {
  readonly type: string;
  readonly companies: readonly string[];
  readonly regions: readonly string[];
  /** The review's jurisdiction, for review events. */
  readonly jurisdiction: string | null;
  /** The event's own source confidence. */
  readonly confidence: string | null;
}

const isConfidence = (value: string | null): value is Confidence => CONFIDENCE_ORDER.includes(value as Confidence);

export function matches(criteria: Criteria, event: EventFacts): boolean {
  if (!matchesEventType(criteria.event_types, event.type)) return false;
  // Operational messages carry no companies, regions or sources: content filters do not apply to them.
  if ((OPERATIONAL_TYPES as readonly string[]).includes(event.type)) return true;
  if (!overlaps(criteria.companies, event.companies)) return false;
  if (!overlaps(criteria.regions, event.regions)) return false;
  if (criteria.jurisdictions.length > 0 && !(event.jurisdiction && criteria.jurisdictions.includes(event.jurisdiction))) return false;
  if (criteria.min_confidence) {
    if (!isConfidence(event.confidence)) return false;
    if (confidenceRank(event.confidence) < confidenceRank(criteria.min_confidence)) return false;
  }
  return true;
}

function overlaps(wanted: readonly string[], present: readonly string[]): boolean {
  return wanted.length === 0 || present.some((value) => wanted.includes(value));
}
