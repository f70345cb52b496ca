import { z } from 'zod';

export const CONFIDENCE_ORDER = ['official', 'confirmed', 'reported', 'anonymous_sources', 'rumor'] as const;
export type Confidence = (typeof CONFIDENCE_ORDER)[number];
export const confidenceSchema = z.enum(CONFIDENCE_ORDER);

/** Higher is more confident: `rumor` is 1, `official` is 5. */
export function confidenceRank(c: Confidence): number {
  return CONFIDENCE_ORDER.length - CONFIDENCE_ORDER.indexOf(c);
}

export function highestConfidence(all: readonly Confidence[]): Confidence | null {
  return all.reduce<Confidence | null>((best, c) => (best === null || confidenceRank(c) > confidenceRank(best) ? c : best), null);
}

/** A fact is as sure as its best backing: its own source or any corroboration. */
export function effectiveConfidence(own: Confidence, corroborations: Confidence[]): Confidence {
  return highestConfidence([own, ...corroborations]) ?? own;
}
