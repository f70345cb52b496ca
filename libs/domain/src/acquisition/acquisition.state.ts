import { blockingReviews, isPending, type ReviewState } from '../review/review.state.js';
import { initialState, type Bookkeeping } from '../stream/bookkeeping.js';
import type { Change } from '../values/changes.js';
import type { CompanyRef } from '../values/company-ref.js';
import type { Fees } from '../values/conditions.js';
import type { Consideration } from '../values/consideration.js';
import type { Dated } from '../values/dates.js';
import type { MoneyValue } from '../values/money.js';
import type { Window } from '../values/window.js';
import type { AcquisitionTerms } from './acquisition.events.js';

export const DEAL_STAGES = ['none', 'rumored', 'announced', 'completed', 'terminated'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const ACQUISITION_STATUSES = [
  'none',
  'rumored',
  'announced',
  'under_review',
  'blocked',
  'cleared',
  'completed',
  'terminated',
] as const;
export type AcquisitionStatus = (typeof ACQUISITION_STATUSES)[number];

type Details = Record<string, unknown>;

export interface Amendment {
  terms_version: number;
  /** The changes as reported: a list, the legacy object of new terms, or words. */
  changes: Change[] | Record<string, unknown> | string | null;
  /** Paths of operations that could not be placed on the terms as known (see applyChanges). */
  not_applied: string[];
  reason: string | null;
  occurred_on: Dated | null;
  details: Details;
}

export interface AcquisitionState extends Bookkeeping {
  kind: 'acquisition';
  /** Derived from the deal stage and its reviews. */
  status: AcquisitionStatus;
  /** What the deal events alone say. */
  stage: DealStage;
  announced: boolean;
  acquirer: CompanyRef | null;
  target: CompanyRef | null;
  reported_value: MoneyValue | null;
  terms: AcquisitionTerms;
  amendments: Amendment[];
  expected_close_revisions: { previous: Window | null; revised: Window; occurred_on: Dated | null; details: Details }[];
  value_at_close: MoneyValue | null;
  final_consideration: Consideration | null;
  termination: { reason: string; fees: Fees; details: Details } | null;
  dates: { rumored_on: Dated | null; announced_on: Dated | null; completed_on: Dated | null; terminated_on: Dated | null };
  reviews: ReviewState[];
}

export function initialAcquisition(subject: string): AcquisitionState {
  return initialState<AcquisitionState>(subject, {
    kind: 'acquisition',
    status: 'none',
    stage: 'none',
    announced: false,
    acquirer: null,
    target: null,
    reported_value: null,
    terms: {
      sellers: null,
      stake_bp: null,
      consideration: null,
      headline_value: null,
      headline_value_basis: null,
      expected_close: null,
      terms_version: 1,
    },
    amendments: [],
    expected_close_revisions: [],
    value_at_close: null,
    final_consideration: null,
    termination: null,
    dates: { rumored_on: null, announced_on: null, completed_on: null, terminated_on: null },
    reviews: [],
  });
}

export function deriveStatus(stage: DealStage, reviews: readonly ReviewState[]): AcquisitionStatus {
  if (stage === 'completed' || stage === 'terminated' || stage === 'none') return stage;
  if (blockingReviews(reviews).length > 0) return 'blocked';
  if (reviews.some(isPending)) return 'under_review';
  if (reviews.length > 0) return 'cleared';
  return stage;
}
