import { assertNever } from '../assert-never.js';
import { asReviewEvent, evolveReview, withReview } from '../review/review.evolve.js';
import { findReview, mootPending } from '../review/review.state.js';
import { typed, type Fact } from '../stream/fact.js';
import type { ACQUISITION_EVENTS, AcquisitionTerms } from './acquisition.events.js';
import { deriveStatus, type AcquisitionState, type DealStage } from './acquisition.state.js';

type TermChanges = Partial<{ [K in keyof AcquisitionTerms]: AcquisitionTerms[K] | undefined }>;

// Only the terms a source actually gave replace what we had.
function mergeTerms(terms: AcquisitionTerms, changes: TermChanges): AcquisitionTerms {
  const given = Object.entries(changes).filter(([, v]) => v !== null && v !== undefined);
  return { ...terms, ...Object.fromEntries(given) };
}

function atStage(state: AcquisitionState, stage: DealStage, fact: Fact, date: keyof AcquisitionState['dates']): AcquisitionState {
  return { ...state, stage, stage_event_id: fact.event_id, dates: { ...state.dates, [date]: fact.occurred_on } };
}

function evolveDeal(state: AcquisitionState, fact: Fact): AcquisitionState {
  const e = typed<typeof ACQUISITION_EVENTS>(fact);
  switch (e.type) {
    case 'acquisition.rumored':
      return {
        ...atStage(state, 'rumored', fact, 'rumored_on'),
        acquirer: e.data.acquirer,
        target: e.data.target,
        reported_value: e.data.reported_value ?? null,
      };
    case 'acquisition.announced': {
      const { acquirer, target, ...terms } = e.data;
      return {
        ...atStage(state, 'announced', fact, 'announced_on'),
        announced: true,
        acquirer,
        target,
        terms: mergeTerms(state.terms, terms),
      };
    }
    case 'acquisition.terms_amended': {
      const { terms_version, changes, reason } = e.data;
      return {
        ...state,
        terms: mergeTerms(state.terms, { ...changes, terms_version }),
        amendments: [...state.amendments, { terms_version, reason: reason ?? null, occurred_on: fact.occurred_on }],
      };
    }
    case 'acquisition.expected_close_revised':
      return { ...state, terms: { ...state.terms, expected_close: e.data.revised } };
    case 'acquisition.completed':
      return {
        ...atStage(state, 'completed', fact, 'completed_on'),
        value_at_close: e.data.value_at_close ?? null,
        final_consideration: e.data.final_consideration ?? null,
      };
    case 'acquisition.terminated':
      return {
        ...atStage(state, 'terminated', fact, 'terminated_on'),
        termination: { reason: e.data.reason, fees: e.data.fees ?? [] },
        reviews: mootPending(state.reviews, fact.event_id),
      };
    case 'acquisition.review_opened':
    case 'acquisition.review_phase_changed':
    case 'acquisition.review_deadline_extended':
    case 'acquisition.review_suspended':
    case 'acquisition.review_resumed':
    case 'acquisition.objections_issued':
    case 'acquisition.remedies_offered':
    case 'acquisition.review_decided':
    case 'acquisition.review_closed_without_decision':
    case 'acquisition.review_withdrawn': {
      const review = asReviewEvent('acquisition', fact);
      const current = findReview(state.reviews, review.data.review_id);
      return { ...state, reviews: withReview(state.reviews, evolveReview(current, review, fact)) };
    }
    default:
      return assertNever(e);
  }
}

export function evolveAcquisition(state: AcquisitionState, fact: Fact): AcquisitionState {
  const next = evolveDeal(state, fact);
  return { ...next, status: deriveStatus(next.stage, next.reviews) };
}
