import { z } from 'zod';
import { basisPoints, companyRef, money, optionalText, subjectOf, venue, window } from '../envelope/value-types.js';
import { prefixedReviewEvents } from '../review/review.events.js';

const reason = { reason: optionalText };
const priceRange = z.strictObject({ low: money.nullish(), high: money.nullish() });
const shares = z.number().int().nonnegative();

/** Listing events in lifecycle order (the valid-time sort's tie-breaker); reviews sit before pricing. */
export const LISTING_EVENTS = {
  'listing.plan_reported': z.strictObject({ company: companyRef, venue: venue.nullish(), expected_window: window.nullish() }),
  'listing.filed': z.strictObject({
    company: companyRef,
    venue: venue.nullish(),
    filing_type: optionalText,
    proposed_ticker: optionalText,
    previous_listing_id: subjectOf('listing').nullish(),
  }),
  'listing.terms_set': z.strictObject({ price_range: priceRange.nullish(), shares_offered: shares.nullish() }),
  'listing.terms_revised': z.strictObject({
    changes: z.strictObject({ price_range: priceRange.nullish(), shares_offered: shares.nullish() }).nullish(),
  }),
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
    company: companyRef.nullish(),
    venue: venue.nullish(),
    offer_price: money.nullish(),
    price_range: priceRange.nullish(),
    shares_offered: shares.nullish(),
    gross_proceeds: money.nullish(),
    gross_proceeds_basis: optionalText,
    valuation: money.nullish(),
    ticker: optionalText,
  }),
  'listing.trading_started': z.strictObject({
    venue,
    ticker: optionalText,
    open_price: money.nullish(),
    first_day_close: money.nullish(),
    first_day_change_bp: basisPoints.nullish(),
  }),
  'listing.price_move_reported': z.strictObject({
    direction: z.enum(['up', 'down', 'flat']),
    change_bp: basisPoints.nullish(),
    measured_from: optionalText,
  }),
  'listing.withdrawn': z.strictObject(reason),
  'listing.delisted': z.strictObject(reason),
} as const;

export type ListingEventType = keyof typeof LISTING_EVENTS;
