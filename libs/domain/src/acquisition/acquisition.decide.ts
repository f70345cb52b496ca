import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { decideReview } from '../review/review.decide.js';
import { blockingReviews, isPending, reviewPath, type ReviewState } from '../review/review.state.js';
import { typed, type Fact } from '../stream/fact.js';
import { statedEvent } from '../stream/provenance.js';
import type { ACQUISITION_EVENTS } from './acquisition.events.js';
import type { AcquisitionState } from './acquisition.state.js';
import { ACQUISITION_RULES } from './acquisition.rules.js';
import { sentenceOf } from '../stream/rule-sentences.js';

function reviewStates(reviews: readonly ReviewState[]) {
  return reviews.map(({ review_id, state, outcome, suspensory }) => ({ review_id, state, outcome, suspensory }));
}

/** Throws when `fact` cannot happen to a deal in `state`. */
export function decideAcquisition(state: AcquisitionState, fact: Fact): void {
  const violation = (code: string, involved: readonly ReviewState[] = [], rule = sentenceOf(ACQUISITION_RULES, code, fact.type)) =>
    new RuleViolation(
      `acquisition.${code}`,
      rule,
      involved.length > 0 ? { status: state.status, reviews: reviewStates(involved) } : state.status,
      [
        statedEvent(state.provenance, 'stage'),
        ...involved.map((r) => statedEvent(state.provenance, reviewPath(r.review_id))),
        fact.event_id,
      ],
    );

  if (state.stage === 'completed' || state.stage === 'terminated') throw violation('closed');

  const e = typed<typeof ACQUISITION_EVENTS>(fact);
  if (e.type !== 'acquisition.rumored' && e.type !== 'acquisition.announced' && state.stage === 'none') throw violation('no_deal');

  switch (e.type) {
    case 'acquisition.rumored':
      if (state.stage !== 'none') throw violation('already_tracked');
      return;
    case 'acquisition.announced':
      if (state.announced) throw violation('already_announced');
      return;
    case 'acquisition.completed': {
      const blocking = blockingReviews(state.reviews);
      if (blocking.length > 0) throw violation('blocked', blocking);
      // Unknown suspensiveness counts as suspensory: completing could breach a standstill nobody reported.
      const waiting = state.reviews.filter((r) => isPending(r) && r.suspensory !== false);
      if (waiting.length > 0) throw violation('review_pending', waiting);
      return;
    }
    case 'acquisition.terms_amended':
    case 'acquisition.expected_close_revised':
    case 'acquisition.terminated':
      return;
    case 'acquisition.review_opened':
    case 'acquisition.review_phase_changed':
    case 'acquisition.review_deadline_extended':
    case 'acquisition.review_suspended':
    case 'acquisition.review_resumed':
    case 'acquisition.objections_issued':
    case 'acquisition.remedies_offered':
    case 'acquisition.review_decided':
    case 'acquisition.review_closed_without_decision':
    case 'acquisition.review_withdrawn':
      return decideReview('acquisition', state, fact);
    default:
      return assertNever(e);
  }
}
