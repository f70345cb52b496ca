import { z } from 'zod';
import { prefixedReviewEvents } from '../review/review.events.js';
import { changesTo } from '../values/changes.js';
import { companyRef } from '../values/company-ref.js';
import { fees } from '../values/conditions.js';
import { consideration } from '../values/consideration.js';
import { VALUE_BASES, moneyValue } from '../values/money.js';
import { label, optionalText } from '../values/text.js';
import { window } from '../values/window.js';

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

/** The deal terms an announcement states and an amendment changes. */
export const TERM_FIELDS = {
  sellers: z.array(companyRef).nullish(),
  stake_bp: stakeBp.nullish(),
  consideration: consideration.nullish(),
  headline_value: moneyValue.nullish(),
  headline_value_basis: label(VALUE_BASES, 'value basis').nullish(),
  expected_close: window.nullish(),
};

/**
 * Acquisition events in lifecycle order. Completion and termination come after the review events
 * (not where the catalog table lists them): a clearance and the closing reported for the same
 * month must sort clearance first.
 */
export const ACQUISITION_EVENTS = {
  'acquisition.rumored': z.strictObject({ acquirer: companyRef, target: companyRef, reported_value: moneyValue.nullish() }),
  'acquisition.announced': z.strictObject({ acquirer: companyRef, target: companyRef, ...TERM_FIELDS }),
  'acquisition.terms_amended': z.strictObject({
    terms_version: z.number().int().positive(),
    changes: changesTo(TERM_FIELDS).nullish(),
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
  'acquisition.completed': z.strictObject({ value_at_close: moneyValue.nullish(), final_consideration: consideration.nullish() }),
  // The reason describes; the termination itself is what changes state, so an unlisted reason is kept.
  'acquisition.terminated': z.strictObject({ reason: label(TERMINATION_REASONS, 'termination reason'), fees: fees.nullish() }),
} as const;

export type AcquisitionTerms = {
  [K in keyof typeof TERM_FIELDS]: z.infer<(typeof TERM_FIELDS)[K]> | null;
} & { terms_version: number };
