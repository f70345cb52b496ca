import { assertNever } from '../assert-never.js';
import { evolveReviewOf, mootPending } from '../review/review.evolve.js';
import { reviewPath } from '../review/review.state.js';
import { typed, type Fact } from '../stream/fact.js';
import { credit, stated, withDetails } from '../stream/provenance.js';
import { applyChanges } from '../values/apply-changes.js';
import { datedOf } from '../values/dates.js';
import { TERM_FIELDS, type ACQUISITION_EVENTS, type AcquisitionTerms } from './acquisition.events.js';
import { deriveStatus, type AcquisitionState, type DealStage } from './acquisition.state.js';

const termPaths = (keys: readonly string[]) => keys.map((key) => `terms.${key}`);

function atStage(state: AcquisitionState, stage: DealStage, fact: Fact, date: keyof AcquisitionState['dates']): AcquisitionState {
  const dates = { ...state.dates, [date]: datedOf(fact.occurred_on, fact.occurred_precision) };
  return stated(state, fact, { stage, dates }, ['stage', `dates.${date}`]);
}

function evolveDeal(state: AcquisitionState, fact: Fact): AcquisitionState {
  const e = typed<typeof ACQUISITION_EVENTS>(fact);
  const occurred_on = datedOf(fact.occurred_on, fact.occurred_precision);
  switch (e.type) {
    case 'acquisition.rumored': {
      const { acquirer, target, reported_value } = e.data;
      const next = stated(atStage(state, 'rumored', fact, 'rumored_on'), fact, {
        acquirer,
        target,
        reported_value: reported_value ?? null,
      });
      return withDetails(next, fact);
    }
    case 'acquisition.announced': {
      const { acquirer, target, ...terms } = e.data;
      // Only the terms a source actually gave replace what we had.
      const { doc, changed } = applyChanges<AcquisitionTerms>(state.terms, terms, TERM_FIELDS);
      const next = stated(atStage(state, 'announced', fact, 'announced_on'), fact, { announced: true, acquirer, target, terms: doc }, [
        'announced',
        'acquirer',
        'target',
        ...termPaths(changed),
      ]);
      return withDetails(next, fact);
    }
    case 'acquisition.terms_amended': {
      const { terms_version, changes, reason } = e.data;
      const { doc, changed, not_applied } = applyChanges<AcquisitionTerms>(state.terms, changes, TERM_FIELDS);
      const amendment = {
        terms_version,
        changes: changes ?? null,
        not_applied,
        reason: reason ?? null,
        occurred_on,
        details: fact.details,
      };
      return stated(state, fact, { terms: { ...doc, terms_version }, amendments: [...state.amendments, amendment] }, [
        ...termPaths(['terms_version', ...changed]),
        `amendments.${state.amendments.length}`,
      ]);
    }
    case 'acquisition.expected_close_revised': {
      const revision = { previous: e.data.previous ?? null, revised: e.data.revised, occurred_on, details: fact.details };
      const terms = { ...state.terms, expected_close: e.data.revised };
      const revisions = [...state.expected_close_revisions, revision];
      return stated(state, fact, { terms, expected_close_revisions: revisions }, [
        'terms.expected_close',
        `expected_close_revisions.${state.expected_close_revisions.length}`,
      ]);
    }
    case 'acquisition.completed': {
      const { value_at_close, final_consideration } = e.data;
      const completed = atStage(state, 'completed', fact, 'completed_on');
      return withDetails(
        stated(completed, fact, { value_at_close: value_at_close ?? null, final_consideration: final_consideration ?? null }),
        fact,
      );
    }
    case 'acquisition.terminated': {
      const { reviews, mooted } = mootPending(state.reviews);
      const termination = { reason: e.data.reason, fees: e.data.fees ?? [], details: fact.details };
      return stated(atStage(state, 'terminated', fact, 'terminated_on'), fact, { termination, reviews }, [
        'termination',
        ...mooted.flatMap((id) => [reviewPath(id), reviewPath(id, 'state')]),
      ]);
    }
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
      return evolveReviewOf(state, 'acquisition', fact);
    default:
      return assertNever(e);
  }
}

export function evolveAcquisition(state: AcquisitionState, fact: Fact): AcquisitionState {
  const next = evolveDeal(state, fact);
  const status = deriveStatus(next.stage, next.reviews);
  return status === state.status ? { ...next, status } : { ...next, status, provenance: credit(next.provenance, fact, ['status']) };
}
