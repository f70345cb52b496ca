import type { Review } from '../api/types';
import { readDate } from '../format/dates';
import { humanize, text } from '../format/words';
import { StatusBadge } from './badges';
import { authorityText } from './Value';

/** `phase_2` → `phase 2`, `unspecified` → `phase unspecified`. */
export function phaseText(phase: string): string {
  const words = humanize(phase);
  return words.startsWith('phase') ? words : `phase ${words}`;
}

/** Is the review waiting on nothing any more: moot (the deal ended first) or superseded by a later review. */
export function supersededBy(review: Review, reviews: Review[]): Review | undefined {
  return reviews.find((other) => other.supersedes_review_id === review.review_id);
}

/** One regulatory review in a line: where, who, which phase, whether the deal must wait, by when, and how it ended. */
export function ReviewChip({ review, reviews }: { review: Review; reviews: Review[] }) {
  const later = supersededBy(review, reviews);
  const parts = [
    text(review.jurisdiction, 'jurisdiction unknown'),
    authorityText(review.authority),
    review.phase ? phaseText(review.phase) : null,
    review.suspensory === true ? 'suspensory' : review.suspensory === false ? 'not suspensory' : null,
    review.statutory_deadline ? `deadline ${readDate(review.statutory_deadline)}` : null,
    review.outcome ? humanize(review.outcome) : null,
    later ? `superseded by ${later.review_id}` : null,
  ].filter(Boolean);
  return (
    <span className="chip review-chip" data-review={review.review_id}>
      <StatusBadge status={review.state} /> {parts.join(' · ')}
    </span>
  );
}
