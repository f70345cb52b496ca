import { z } from 'zod';
import { prefixedReviewEvents } from '../review/review.events.js';
import { changesTo } from '../values/changes.js';
import { subjectOf } from '../values/codes.js';
import { companyRef } from '../values/company-ref.js';
import { moneyValue } from '../values/money.js';
import { basisPoints, quantity } from '../values/numbers.js';
import { optionalText, text } from '../values/text.js';
import { venue } from '../values/venue.js';
import { window } from '../values/window.js';

/** A price range `{ low, high }` (either may be unknown), or the words ("HK$28 to HK$30.30"). */
const priceRange = z.union([z.strictObject({ low: moneyValue.nullish(), high: moneyValue.nullish() }), text]);

/** The terms a marketing listing states and a revision changes. */
export const LISTING_TERM_FIELDS = { price_range: priceRange.nullish(), shares_offered: quantity.nullish() };

// A stream may start at any event (news reports a postponement before anyone recorded the filing),
// so every step may say whose listing it is and where.
const whose = { company: companyRef.nullish(), venue: venue.nullish() };
const reason = { ...whose, reason: optionalText };

/** Listing events in lifecycle order (the valid-time sort's tie-breaker); reviews sit before pricing. */
export const LISTING_EVENTS = {
  'listing.plan_reported': z.strictObject({ ...whose, company: companyRef, expected_window: window.nullish() }),
  'listing.filed': z.strictObject({
    ...whose,
    company: companyRef,
    filing_type: optionalText,
    proposed_ticker: optionalText,
    previous_listing_id: subjectOf('listing').nullish(),
    expected_window: window.nullish(),
  }),
  'listing.terms_set': z.strictObject({ ...whose, ...LISTING_TERM_FIELDS }),
  'listing.terms_revised': z.strictObject({ ...whose, changes: changesTo(LISTING_TERM_FIELDS).nullish() }),
  'listing.postponed': z.strictObject(reason),
  'listing.resumed': z.strictObject(reason),
  ...prefixedReviewEvents('listing', [
    'review_opened',
    'review_phase_changed',
    'review_deadline_extended',
    'review_suspended',
    'review_resumed',
    'review_decided',
    'review_closed_without_decision',
    'review_withdrawn',
  ]),
  'listing.priced': z.strictObject({
    ...whose,
    offer_price: moneyValue.nullish(),
    price_range: priceRange.nullish(),
    shares_offered: quantity.nullish(),
    gross_proceeds: moneyValue.nullish(),
    gross_proceeds_basis: optionalText,
    valuation: moneyValue.nullish(),
    ticker: optionalText,
  }),
  'listing.trading_started': z.strictObject({
    venue,
    ticker: optionalText,
    open_price: moneyValue.nullish(),
    first_day_close: moneyValue.nullish(),
    first_day_change_bp: basisPoints.nullish(),
  }),
  // The direction is the fact a price move reports: an unknown one would leave it ambiguous.
  'listing.price_move_reported': z.strictObject({
    direction: z.enum(['up', 'down', 'flat']),
    change_bp: basisPoints.nullish(),
    measured_from: optionalText,
  }),
  'listing.withdrawn': z.strictObject(reason),
  'listing.delisted': z.strictObject({ reason: optionalText }),
} as const;

export type ListingEventType = keyof typeof LISTING_EVENTS;
export type PriceRange = z.infer<typeof priceRange>;
