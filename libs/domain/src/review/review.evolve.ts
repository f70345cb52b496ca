import { assertNever } from '../assert-never.js';
import { canonicalJson } from '../canonical-json.js';
import { givenFields } from '../given-fields.js';
import { namedFields, type Fact } from '../stream/fact.js';
import { credit, detailPaths, type Provenance } from '../stream/provenance.js';
import { upsert } from '../upsert.js';
import { datedOf } from '../values/dates.js';
import type { ReviewEvent, ReviewEventName } from './review.events.js';
import { findReview, isPending, reviewPath, type ReviewState, type ReviewStep } from './review.state.js';

/** A review after an event, and the fields (paths inside the review) the event stated. */
export interface ReviewChange {
  review: ReviewState;
  stated: string[];
}

const IDENTITY = ['review_id', 'jurisdiction', 'authority', 'regime', 'case_ref'] as const;
const LISTS = ['objections', 'remedies', 'steps'] as const;
const isList = (key: string): key is (typeof LISTS)[number] => (LISTS as readonly string[]).includes(key);

/** Narrows `<aggregate>.review_opened` (etc.) to its local review event. */
export function asReviewEvent(prefix: string, fact: Fact): ReviewEvent {
  return { name: fact.type.slice(prefix.length + 1) as ReviewEventName, data: fact.data } as ReviewEvent;
}

function blank(reviewId: string): ReviewState {
  return {
    review_id: reviewId,
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
    steps: [],
    also_stated: {},
    details: {},
  };
}

/** Identity values the event gives that differ from the review's first-known ones, added once each. */
function restated(review: ReviewState, data: ReviewEvent['data'], identity: Partial<ReviewState>): ReviewState['also_stated'] | null {
  const also = { ...review.also_stated };
  let changed = false;
  for (const key of ['jurisdiction', 'authority', 'regime', 'case_ref'] as const) {
    const value = data[key];
    if (value === null || value === undefined || key in identity || canonicalJson(value) === canonicalJson(review[key])) continue;
    const known = also[key] ?? [];
    if (known.some((v) => canonicalJson(v) === canonicalJson(value))) continue;
    also[key] = [...known, value];
    changed = true;
  }
  return changed ? also : null;
}

export function evolveReview(current: ReviewState | undefined, event: ReviewEvent, fact: Fact): ReviewChange {
  const base = current ?? blank(event.data.review_id);
  const d = event.data;
  // The first event known of a review says whose review it is; later ones do not overwrite that.
  const identity: Partial<ReviewState> = {
    ...(base.jurisdiction === null && d.jurisdiction ? { jurisdiction: d.jurisdiction } : {}),
    ...(base.authority === null && d.authority ? { authority: d.authority } : {}),
    ...(base.regime === null && d.regime ? { regime: d.regime } : {}),
    ...(base.case_ref === null && d.case_ref ? { case_ref: d.case_ref } : {}),
  };
  const also = restated(base, d, identity);
  if (also) identity.also_stated = also;
  const occurred_on = datedOf(fact.occurred_on, fact.occurred_precision);
  const change = (fields: Partial<ReviewState>, detailsInRecord = false): ReviewChange => {
    const review: ReviewState = {
      ...base,
      ...identity,
      ...fields,
      details: detailsInRecord ? base.details : { ...base.details, ...fact.details },
    };
    // A list grows by one item: that item is what the event stated.
    const keys = Object.keys(fields).map((key) => (isList(key) ? `${key}.${review[key].length - 1}` : key));
    const stated = [...Object.keys(identity), ...keys, ...(current ? [] : ['state'])];
    return { review, stated: detailsInRecord ? stated : [...stated, ...detailPaths(fact)] };
  };
  const step = (name: ReviewStep['step'], fields: Partial<ReviewState> = {}) =>
    change(
      { ...fields, steps: [...base.steps, { step: name, occurred_on, stated: namedFields(fact, IDENTITY), details: fact.details }] },
      true,
    );

  switch (event.name) {
    case 'review_opened':
      return change({
        ...givenFields({
          phase: event.data.phase,
          suspensory: event.data.suspensory,
          statutory_deadline: event.data.statutory_deadline,
          terms_version: event.data.terms_version,
          supersedes_review_id: event.data.supersedes_review_id,
        }),
        opened_on: occurred_on,
      });
    case 'review_phase_changed':
      return step('review_phase_changed', { phase: event.data.to_phase, ...givenFields({ statutory_deadline: event.data.new_deadline }) });
    case 'review_deadline_extended':
      return step('review_deadline_extended', { statutory_deadline: event.data.new_deadline });
    case 'review_suspended':
      return step('review_suspended', { state: 'suspended' });
    case 'review_resumed':
      return step('review_resumed', { state: 'open' });
    case 'objections_issued': {
      const { kind, summary, hearing_date } = event.data;
      const objection = { kind, summary: summary ?? null, hearing_date: hearing_date ?? null, occurred_on, details: fact.details };
      return change({ objections: [...base.objections, objection] }, true);
    }
    case 'remedies_offered': {
      const remedy = {
        remedy_type: event.data.remedy_type ?? null,
        summary: event.data.summary ?? null,
        occurred_on,
        details: fact.details,
      };
      return change({ remedies: [...base.remedies, remedy] }, true);
    }
    case 'review_decided':
      return change({
        state: 'decided',
        outcome: event.data.outcome,
        conditions: event.data.conditions ?? [],
        decision_ref: event.data.decision_ref ?? null,
        decided_on: occurred_on,
      });
    case 'review_closed_without_decision':
      return change({ state: 'closed_without_decision', end_reason: event.data.reason });
    case 'review_withdrawn':
      return change({ state: 'withdrawn', end_reason: event.data.reason });
    default:
      return assertNever(event);
  }
}

/** A deal's or a listing's state after one of its review events: the review evolved, what it stated credited. */
export function evolveReviewOf<S extends { reviews: ReviewState[]; provenance: Provenance }>(state: S, prefix: string, fact: Fact): S {
  const event = asReviewEvent(prefix, fact);
  const { review, stated } = evolveReview(findReview(state.reviews, event.data.review_id), event, fact);
  const id = review.review_id;
  return {
    ...state,
    reviews: upsert(state.reviews, review, (r) => r.review_id === id),
    provenance: credit(state.provenance, fact, [reviewPath(id), ...stated.map((field) => reviewPath(id, field))]),
  };
}

/** When a deal terminates, its pending reviews no longer matter; returns them and the reviews it mooted. */
export function mootPending(reviews: readonly ReviewState[]): { reviews: ReviewState[]; mooted: string[] } {
  const mooted = reviews.filter(isPending).map((r) => r.review_id);
  return { reviews: reviews.map((r) => (isPending(r) ? { ...r, state: 'moot' } : r)), mooted };
}
