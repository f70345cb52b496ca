import { RuleViolation } from '../errors.js';
import type { Fact } from '../stream/fact.js';
import type { Phase, ReviewEvent } from './review.events.js';
import { statedEvent, type Provenance } from '../stream/provenance.js';
import { findReview, isTerminal, reviewPath, reviewSummary, type ReviewState } from './review.state.js';
import { asReviewEvent } from './review.evolve.js';
import { REVIEW_SENTENCES } from './review.rules.js';
import { sentenceOf } from '../stream/rule-sentences.js';

// `unspecified` has no place on the line, so it never counts as a regression.
const PHASE_RANK: Partial<Record<Phase, number>> = { prenotification: 0, simplified: 1, phase_1: 2, phase_2: 3, phase_3: 4 };

function isRegression(from: Phase | null, to: Phase): boolean {
  const a = from === null ? undefined : PHASE_RANK[from];
  const b = PHASE_RANK[to];
  return a !== undefined && b !== undefined && b < a;
}

/** Review rules shared by every aggregate that holds reviews; codes are `<aggregate>.review_*`. */
export function decideReview(aggregate: string, state: { reviews: ReviewState[]; provenance: Provenance }, fact: Fact): void {
  const event: ReviewEvent = asReviewEvent(aggregate, fact);
  const review = findReview(state.reviews, event.data.review_id);
  const lastEvent = statedEvent(state.provenance, reviewPath(event.data.review_id));
  const violation = (code: string, rule = sentenceOf(REVIEW_SENTENCES, code)) =>
    new RuleViolation(`${aggregate}.${code}`, rule, reviewSummary(review, event.data.review_id), [lastEvent, fact.event_id]);

  if (review === undefined) {
    if (event.name === 'review_phase_changed' || event.name === 'review_resumed') throw violation('review_not_open');
    return;
  }
  if (event.name === 'review_opened') throw violation('review_already_open');
  if (isTerminal(review)) throw violation('review_terminal');
  if (event.name === 'review_resumed' && review.state !== 'suspended') throw violation('review_not_suspended');
  if (event.name === 'review_phase_changed' && isRegression(review.phase, event.data.to_phase)) throw violation('review_phase_regression');
}
