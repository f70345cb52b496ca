import { z } from 'zod';
import { authorityRef } from '../values/authority-ref.js';
import { regionCode, slug } from '../values/codes.js';
import { conditions } from '../values/conditions.js';
import { label, optionalText, text } from '../values/text.js';
import { reportedDate } from '../values/window.js';

export const REGIMES = [
  'merger_control',
  'foreign_investment',
  'public_interest_national_security',
  'export_control',
  'unspecified',
] as const;
// Phases and outcomes drive state (phase regression, deal status): they stay closed sets.
export const PHASES = ['prenotification', 'simplified', 'phase_1', 'phase_2', 'phase_3', 'unspecified'] as const;
export const OUTCOMES = ['cleared', 'cleared_with_conditions', 'prohibited', 'found_not_to_qualify'] as const;
export const WITHDRAWAL_REASONS = ['pull_and_refile', 'deal_abandoned'] as const;
/** A regime is a description (listing reviews have their own: exchange approval, CSRC filing): unlisted ones are kept. */
export type Regime = string;
export type Phase = (typeof PHASES)[number];
export type Outcome = (typeof OUTCOMES)[number];

const phase = z.enum(PHASES);

// Any review event may be the first known of its review, so each may say whose review it is.
const context = {
  review_id: slug,
  jurisdiction: regionCode.nullish(),
  authority: authorityRef.nullish(),
  regime: label(REGIMES, 'regime').nullish(),
  case_ref: optionalText,
};

/** Review events by local name, in lifecycle order; acquisitions and listings prefix them with their aggregate. */
export const REVIEW_EVENTS = {
  review_opened: z.strictObject({
    ...context,
    jurisdiction: regionCode,
    phase: phase.nullish(),
    suspensory: z.boolean().nullish(),
    statutory_deadline: reportedDate.nullish(),
    terms_version: z.number().int().positive().nullish(),
    supersedes_review_id: slug.nullish(),
  }),
  review_phase_changed: z.strictObject({
    ...context,
    from_phase: phase.nullish(),
    to_phase: phase,
    new_deadline: reportedDate.nullish(),
  }),
  review_deadline_extended: z.strictObject({ ...context, new_deadline: reportedDate, reason: optionalText }),
  review_suspended: z.strictObject({ ...context, reason_as_reported: optionalText }),
  review_resumed: z.strictObject({ ...context, reason_as_reported: optionalText }),
  objections_issued: z.strictObject({ ...context, kind: text, summary: optionalText, hearing_date: reportedDate.nullish() }),
  remedies_offered: z.strictObject({ ...context, remedy_type: optionalText, summary: optionalText }),
  review_decided: z.strictObject({
    ...context,
    outcome: z.enum(OUTCOMES),
    conditions: conditions.nullish(),
    decision_ref: optionalText,
  }),
  review_closed_without_decision: z.strictObject({ ...context, reason: text }),
  review_withdrawn: z.strictObject({ ...context, reason: label(WITHDRAWAL_REASONS, 'withdrawal reason') }),
} as const;

export type ReviewEventName = keyof typeof REVIEW_EVENTS;
export type ReviewEvent = { [K in ReviewEventName]: { name: K; data: z.infer<(typeof REVIEW_EVENTS)[K]> } }[ReviewEventName];

/** `{ 'acquisition.review_opened': schema, … }` for the chosen local names. */
export function prefixedReviewEvents<N extends ReviewEventName, P extends string>(
  prefix: P,
  names: readonly N[],
): { [K in N as `${P}.${K}`]: (typeof REVIEW_EVENTS)[K] } {
  return Object.fromEntries(names.map((name) => [`${prefix}.${name}`, REVIEW_EVENTS[name]])) as {
    [K in N as `${P}.${K}`]: (typeof REVIEW_EVENTS)[K];
  };
}
