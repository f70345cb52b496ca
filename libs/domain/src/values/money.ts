import { z } from 'zod';
import { currency } from './codes.js';
import { DECIMAL_PATTERN } from './numbers.js';
import { label, optionalText, text } from './text.js';

/**
 * Money in minor units of the currency the source reported (`$560M` → `{ amount_minor: 56000000000,
 * currency: 'USD', approximate: true }`); never converted. Read models sum and compare `amount_minor`,
 * so this core stays exact and strict.
 */
export const money = z.strictObject({
  amount_minor: z.number().int().refine(Number.isSafeInteger, 'amount_minor is out of safe integer range'),
  currency,
  approximate: z.boolean().nullish(),
});
export type Money = z.infer<typeof money>;

/**
 * An amount finer than the currency's minor unit (Adobe–Figma's $22.4795 per share) as an exact
 * decimal string, kept beside an approximate Money (`per_share` + `per_share_exact`).
 */
export const exactAmount = z.strictObject({
  amount: z.string().regex(DECIMAL_PATTERN, 'expected a decimal string like "22.4795"'),
  currency,
});
export type ExactAmount = z.infer<typeof exactAmount>;

export const VALUE_BASES = [
  'as_reported',
  'enterprise_value',
  'equity_value',
  'fully_diluted',
  'market_capitalisation_at_offer_price',
  'computed',
] as const;

/**
 * A figure as reports give it: a Money; a Money with what it measures (`{ amount: Money, basis:
 * 'fully_diluted' }`, a valuation); or only the words ("a nine-figure sum") when no number is given.
 */
export const moneyValue = z.union([
  money,
  z.strictObject({ amount: money, basis: label(VALUE_BASES, 'value basis').nullish(), as_reported: optionalText }),
  text,
]);
export type MoneyValue = z.infer<typeof moneyValue>;

/** The Money in a figure, whatever its shape; null for words (read models sum only what has a number). */
export function moneyOf(value: MoneyValue | null | undefined): Money | null {
  if (value === null || value === undefined || typeof value === 'string') return null;
  return 'amount_minor' in value ? value : value.amount;
}
