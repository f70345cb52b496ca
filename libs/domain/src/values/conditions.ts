import { z } from 'zod';
import { companyRef } from './company-ref.js';
import { moneyValue } from './money.js';
import { basisPoints, quantity } from './numbers.js';
import { label, optionalText, text } from './text.js';

export const CONDITION_TYPES = [
  'licence',
  'interoperability',
  'ip_divestiture',
  'divestiture',
  'behavioural',
  'no_tying_or_bundling',
  'supply_on_frand_terms',
  'validity_period',
  'revenue_share',
  'end_use',
  'reporting',
  'other',
] as const;

/**
 * A condition attached to a clearance, a licence, an approval or a policy: `{ type, summary,
 * duration_months?, rate_bp?, payee? }` (a 15 % revenue share is `rate_bp: 1500`), or the words.
 */
export const condition = z.union([
  z.strictObject({
    type: label(CONDITION_TYPES, 'condition type').nullish(),
    summary: optionalText,
    duration_months: quantity.nullish(),
    rate_bp: basisPoints.nullish(),
    payee: companyRef.nullish(),
  }),
  text,
]);

/** A list of conditions, or the words when a report does not itemise them ("subject to conditions"). */
export const conditions = z.union([z.array(condition), text]);
export type Conditions = z.infer<typeof conditions>;

export const FEE_KINDS = ['termination_fee', 'reverse_termination_fee', 'break_fee', 'other'] as const;

/** A fee `{ kind, amount, payer, payee }` (Qualcomm pays NXP USD 2bn), or the words. */
export const fee = z.union([
  z.strictObject({
    kind: label(FEE_KINDS, 'fee kind').nullish(),
    amount: moneyValue.nullish(),
    payer: companyRef.nullish(),
    payee: companyRef.nullish(),
  }),
  text,
]);

/** Fees, itemised or in words. */
export const fees = z.union([z.array(fee), text]);
export type Fees = z.infer<typeof fees>;
