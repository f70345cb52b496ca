import { z } from 'zod';
import { companyRef, money, openList, optionalText, window } from '../envelope/value-types.js';
import { prefixedReviewEvents } from '../review/review.events.js';

export const TERMINATION_REASONS = [
  'regulatory_challenges',
  'regulatory_approval_not_obtained',
  'prohibited',
  'mutual',
  'competing_offer',
  'financing',
  'other',
] as const;

const stakeBp = z.number().int().min(0).max(10_000);
const terms = {
  sellers: z.array(companyRef).nullish(),
  stake_bp: stakeBp.nullish(),
  consideration: optionalText,
  headline_value: money.nullish(),
  expected_close: window.nullish(),
};

/**
 * Acquisition events in lifecycle order. Completion and termination come after the review events
 * (not where the catalog table lists them): a clearance and the closing reported for the same
 * month must sort clearance first.
 */
export const ACQUISITION_EVENTS = {
  'acquisition.rumored': z.strictObject({ acquirer: companyRef, target: companyRef, reported_value: money.nullish() }),
  'acquisition.announced': z.strictObject({ acquirer: companyRef, target: companyRef, ...terms }),
  'acquisition.terms_amended': z.strictObject({
    terms_version: z.number().int().positive(),
    changes: z.strictObject(terms).nullish(),
    reason: optionalText,
  }),
  'acquisition.expected_close_revised': z.strictObject({ previous: window.nullish(), revised: window }),
  ...prefixedReviewEvents('acquisition', [
    'review_opened',
    'review_phase_changed',
    'review_deadline_extended',
    'review_suspended',
    'review_resumed',
    'objections_issued',
    'remedies_offered',
    'review_decided',
    'review_closed_without_decision',
    'review_withdrawn',
  ]),
  'acquisition.completed': z.strictObject({ value_at_close: money.nullish(), final_consideration: optionalText }),
  'acquisition.terminated': z.strictObject({ reason: z.enum(TERMINATION_REASONS), fees: openList.nullish() }),
} as const;

export type AcquisitionTerms = {
  [K in keyof typeof terms]: z.infer<(typeof terms)[K]> | null;
} & { terms_version: number };
