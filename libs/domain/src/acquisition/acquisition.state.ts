import type { CompanyRef, Money } from '../envelope/value-types.js';
import { blockingReviews, isPending, type ReviewState } from '../review/review.state.js';
import { emptyBookkeeping, type Bookkeeping } from '../stream/bookkeeping.js';
import type { AcquisitionTerms, TERMINATION_REASONS } from './acquisition.events.js';

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

export interface AcquisitionState extends Bookkeeping {
  kind: 'acquisition';
  /** Derived from the deal stage and its reviews. */
  status: AcquisitionStatus;
  /** What the deal events alone say. */
  stage: DealStage;
  /** The event that set `stage`, named when a rule breaks. */
  stage_event_id: string | null;
  announced: boolean;
  acquirer: CompanyRef | null;
  target: CompanyRef | null;
  reported_value: Money | null;
  terms: AcquisitionTerms;
  amendments: { terms_version: number; reason: string | null; occurred_on: string | null }[];
  value_at_close: Money | null;
  final_consideration: string | null;
  termination: { reason: (typeof TERMINATION_REASONS)[number]; fees: unknown[] } | null;
  dates: { rumored_on: string | null; announced_on: string | null; completed_on: string | null; terminated_on: string | null };
  reviews: ReviewState[];
}

export function initialAcquisition(subject: string): AcquisitionState {
  return {
    ...emptyBookkeeping(subject),
    kind: 'acquisition',
    status: 'none',
    stage: 'none',
    stage_event_id: null,
    announced: false,
    acquirer: null,
    target: null,
    reported_value: null,
    terms: { sellers: null, stake_bp: null, consideration: null, headline_value: null, expected_close: null, terms_version: 1 },
    amendments: [],
    value_at_close: null,
    final_consideration: null,
    termination: null,
    dates: { rumored_on: null, announced_on: null, completed_on: null, terminated_on: null },
    reviews: [],
  };
}

export function deriveStatus(stage: DealStage, reviews: readonly ReviewState[]): AcquisitionStatus {
  if (stage === 'completed' || stage === 'terminated' || stage === 'none') return stage;
  if (blockingReviews(reviews).length > 0) return 'blocked';
  if (reviews.some(isPending)) return 'under_review';
  if (reviews.length > 0) return 'cleared';
  return stage;
}
