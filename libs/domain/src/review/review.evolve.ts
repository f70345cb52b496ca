import { assertNever } from '../assert-never.js';
import type { Fact } from '../stream/fact.js';
import { upsert } from '../upsert.js';
import type { ReviewEvent, ReviewEventName } from './review.events.js';
import type { ReviewState } from './review.state.js';

/** Narrows `<aggregate>.review_opened` (etc.) to its local review event. */
export function asReviewEvent(prefix: string, fact: Fact): ReviewEvent {
  return { name: fact.type.slice(prefix.length + 1) as ReviewEventName, data: fact.data } as ReviewEvent;
}

function blank(event: ReviewEvent, fact: Fact): ReviewState {
  return {
    review_id: event.data.review_id,
    jurisdiction: null,
    authority: null,
    regime: null,
    phase: null,
    state: 'open',
    outcome: null,
    conditions: [],
    statutory_deadline: null,
    opened_on: null,
    decided_on: null,
    supersedes_review_id: null,
    suspensory: null,
    terms_version: null,
    case_ref: null,
    decision_ref: null,
    end_reason: null,
    objections: [],
    remedies: [],
    last_event_id: fact.event_id,
  };
}

export function evolveReview(current: ReviewState | undefined, event: ReviewEvent, fact: Fact): ReviewState {
  const base = current ?? blank(event, fact);
  // The first event known of a review says whose review it is; later ones do not overwrite that.
  const review: ReviewState = {
    ...base,
    jurisdiction: base.jurisdiction ?? event.data.jurisdiction ?? null,
    authority: base.authority ?? event.data.authority ?? null,
    regime: base.regime ?? event.data.regime ?? null,
    last_event_id: fact.event_id,
  };
  switch (event.name) {
    case 'review_opened': {
      const d = event.data;
      return {
        ...review,
        phase: d.phase ?? review.phase,
        suspensory: d.suspensory ?? review.suspensory,
        statutory_deadline: d.statutory_deadline ?? review.statutory_deadline,
        case_ref: d.case_ref ?? review.case_ref,
        terms_version: d.terms_version ?? review.terms_version,
        supersedes_review_id: d.supersedes_review_id ?? review.supersedes_review_id,
        opened_on: fact.occurred_on,
      };
    }
    case 'review_phase_changed':
      return { ...review, phase: event.data.to_phase, statutory_deadline: event.data.new_deadline ?? review.statutory_deadline };
    case 'review_deadline_extended':
      return { ...review, statutory_deadline: event.data.new_deadline };
    case 'review_suspended':
      return { ...review, state: 'suspended' };
    case 'review_resumed':
      return { ...review, state: 'open' };
    case 'objections_issued': {
      const { kind, summary, hearing_date } = event.data;
      return { ...review, objections: [...review.objections, { kind, summary: summary ?? null, hearing_date: hearing_date ?? null }] };
    }
    case 'remedies_offered': {
      const { remedy_type, summary } = event.data;
      return { ...review, remedies: [...review.remedies, { remedy_type: remedy_type ?? null, summary: summary ?? null }] };
    }
    case 'review_decided':
      return {
        ...review,
        state: 'decided',
        outcome: event.data.outcome,
        conditions: event.data.conditions ?? [],
        decision_ref: event.data.decision_ref ?? null,
        decided_on: fact.occurred_on,
      };
    case 'review_closed_without_decision':
      return { ...review, state: 'closed_without_decision', end_reason: event.data.reason };
    case 'review_withdrawn':
      return { ...review, state: 'withdrawn', end_reason: event.data.reason };
    default:
      return assertNever(event);
  }
}

export function withReview(reviews: readonly ReviewState[], review: ReviewState): ReviewState[] {
  return upsert(reviews, review, (r) => r.review_id === review.review_id);
}
