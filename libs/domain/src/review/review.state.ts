import type { AuthorityRef } from '../values/authority-ref.js';
import type { Conditions } from '../values/conditions.js';
import type { Dated } from '../values/dates.js';
import type { Window } from '../values/window.js';
import type { Outcome, Phase, Regime } from './review.events.js';

export const REVIEW_STATES = ['open', 'suspended', 'decided', 'closed_without_decision', 'withdrawn', 'moot'] as const;
export type ReviewStatus = (typeof REVIEW_STATES)[number];

/** A step of a review that leaves no other trace in it: a phase change, an extension, a suspension, a resumption. */
export interface ReviewStep {
  step: 'review_phase_changed' | 'review_deadline_extended' | 'review_suspended' | 'review_resumed';
  occurred_on: Dated | null;
  /** The event's named fields beyond the review's identity (from_phase, to_phase, new_deadline, reason…). */
  stated: Record<string, unknown>;
  details: Record<string, unknown>;
}

/** One regulatory review (child entity of a deal or a listing), keyed by `review_id`. */
export interface ReviewState {
  review_id: string;
  jurisdiction: string | null;
  authority: AuthorityRef | null;
  regime: Regime | null;
  phase: Phase | null;
  state: ReviewStatus;
  outcome: Outcome | null;
  conditions: Conditions;
  statutory_deadline: Window | null;
  opened_on: Dated | null;
  decided_on: Dated | null;
  supersedes_review_id: string | null;
  /** null: nobody reported whether the deal must wait for this review. */
  suspensory: boolean | null;
  terms_version: number | null;
  case_ref: string | null;
  decision_ref: string | null;
  /** Why it closed without decision or was withdrawn. */
  end_reason: string | null;
  objections: {
    kind: string;
    summary: string | null;
    hearing_date: Window | null;
    occurred_on: Dated | null;
    details: Record<string, unknown>;
  }[];
  remedies: { remedy_type: string | null; summary: string | null; occurred_on: Dated | null; details: Record<string, unknown> }[];
  steps: ReviewStep[];
  /**
   * Who a later event said the review belongs to, where it differs from what was first known (the
   * decision names "European Commission", the opening "EU (European Commission)"): first known wins,
   * the other statements are kept here, each once.
   */
  also_stated: { jurisdiction?: unknown[]; authority?: unknown[]; regime?: unknown[]; case_ref?: unknown[] };
  /** Unnamed keys of its other events (outcome labels, court approval pending…); a later statement of a key wins. */
  details: Record<string, unknown>;
}

export function isTerminal(review: ReviewState): boolean {
  return review.state !== 'open' && review.state !== 'suspended';
}

export function isPending(review: ReviewState): boolean {
  return !isTerminal(review);
}

const CLEARING: readonly (Outcome | null)[] = ['cleared', 'cleared_with_conditions', 'found_not_to_qualify'];

/** A prohibition stands unless a review that names it in `supersedes_review_id` has cleared. */
export function blockingReviews(reviews: readonly ReviewState[]): ReviewState[] {
  const lifted = new Set(
    reviews
      .filter((r) => r.state === 'decided' && CLEARING.includes(r.outcome) && r.supersedes_review_id !== null)
      .map((r) => r.supersedes_review_id),
  );
  return reviews.filter((r) => r.state === 'decided' && r.outcome === 'prohibited' && !lifted.has(r.review_id));
}

export function reviewSummary(review: ReviewState | undefined, reviewId: string) {
  return review ? { review_id: review.review_id, state: review.state, phase: review.phase } : { review_id: reviewId, state: 'unknown' };
}

export function findReview(reviews: readonly ReviewState[], reviewId: string): ReviewState | undefined {
  return reviews.find((r) => r.review_id === reviewId);
}

/** The provenance path of a review, or of one of its fields. */
export function reviewPath(reviewId: string, field?: string): string {
  return field === undefined ? `reviews.${reviewId}` : `reviews.${reviewId}.${field}`;
}
