import type { AuthorityRef } from '../envelope/value-types.js';
import type { Outcome, Phase, Regime } from './review.events.js';

export const REVIEW_STATES = ['open', 'suspended', 'decided', 'closed_without_decision', 'withdrawn', 'moot'] as const;
export type ReviewStatus = (typeof REVIEW_STATES)[number];

/** One regulatory review (child entity of a deal or a listing), keyed by `review_id`. */
export interface ReviewState {
  review_id: string;
  jurisdiction: string | null;
  authority: AuthorityRef | null;
  regime: Regime | null;
  phase: Phase | null;
  state: ReviewStatus;
  outcome: Outcome | null;
  conditions: unknown[];
  statutory_deadline: string | null;
  opened_on: string | null;
  decided_on: string | null;
  supersedes_review_id: string | null;
  /** null: nobody reported whether the deal must wait for this review. */
  suspensory: boolean | null;
  terms_version: number | null;
  case_ref: string | null;
  decision_ref: string | null;
  /** Why it closed without decision or was withdrawn. */
  end_reason: string | null;
  objections: { kind: string; summary: string | null; hearing_date: string | null }[];
  remedies: { remedy_type: string | null; summary: string | null }[];
  /** The event that last changed this review, named when a rule about it breaks. */
  last_event_id: string;
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

/** When a deal terminates, its pending reviews no longer matter. */
export function mootPending(reviews: readonly ReviewState[], eventId: string): ReviewState[] {
  return reviews.map((r) => (isPending(r) ? { ...r, state: 'moot', last_event_id: eventId } : r));
}

export function reviewSummary(review: ReviewState | undefined, reviewId: string) {
  return review ? { review_id: review.review_id, state: review.state, phase: review.phase } : { review_id: reviewId, state: 'unknown' };
}

export function findReview(reviews: readonly ReviewState[], reviewId: string): ReviewState | undefined {
  return reviews.find((r) => r.review_id === reviewId);
}
