import { z } from 'zod';
import { companyRef } from './company-ref.js';
import { exactAmount, moneyValue } from './money.js';
import { basisPoints, decimal, quantity } from './numbers.js';
import { label, optionalText, text } from './text.js';

export const CONSIDERATION_TYPES = ['cash', 'stock', 'mixed', 'election', 'other'] as const;
export const COMPONENT_KINDS = ['cash', 'stock', 'earn_out', 'restricted_stock_units', 'equity_awards', 'other'] as const;
export const DEAL_MECHANISMS = ['merger', 'tender_offer', 'scheme_of_arrangement', 'share_purchase', 'asset_purchase', 'other'] as const;

/** The security paid in stock: `{ issuer: CompanyRef, class: 'common' }`, or words ("Class A shares of the buyer"). */
const security = z.union([z.strictObject({ issuer: companyRef.nullish(), class: optionalText }), text]);

/**
 * How a deal pays, as precisely as the report is:
 * - cash per share: `per_share` (a Money; `per_share_exact` beside it when finer than the minor unit);
 * - stock: `exchange_ratio` (a decimal) of the acquirer's `security`;
 * - an amount (`amount`, e.g. an earn-out's maximum in `maximum`), `units` (RSUs), `share_bp` of the headline;
 * - `adjustable: true` for a figure set or adjusted at closing;
 * each with the words beside it in `*_as_reported` (kept, with a warning, like any unnamed key).
 */
const terms = {
  per_share: moneyValue.nullish(),
  per_share_exact: exactAmount.nullish(),
  exchange_ratio: decimal.nullish(),
  security: security.nullish(),
  amount: moneyValue.nullish(),
  maximum: moneyValue.nullish(),
  units: quantity.nullish(),
  share_bp: basisPoints.nullish(),
  approximate: z.boolean().nullish(),
  adjustable: z.boolean().nullish(),
};

/** One part of a mixed consideration or one option of an election, or the words for it ("about half in cash"). */
export const considerationComponent = z.union([
  z.strictObject({ kind: label(COMPONENT_KINDS, 'consideration component').nullish(), ...terms }),
  text,
]);

/**
 * Deal consideration: a structure (cash / stock / mixed with `components` / a cash-or-stock election
 * with `options` / other), or the words reported ("$95.00 per share in cash") when that is all there is.
 */
export const consideration = z.union([
  z.strictObject({
    type: label(CONSIDERATION_TYPES, 'consideration type').nullish(),
    ...terms,
    components: z.array(considerationComponent).nullish(),
    options: z.array(considerationComponent).nullish(),
    mechanism: label(DEAL_MECHANISMS, 'deal mechanism').nullish(),
    premium_bp: basisPoints.nullish(),
    premium_basis: optionalText,
  }),
  text,
]);
export type Consideration = z.infer<typeof consideration>;
