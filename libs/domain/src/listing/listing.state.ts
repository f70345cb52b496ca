import type { CompanyRef, Money, Venue, Window } from '../envelope/value-types.js';
import type { ReviewState } from '../review/review.state.js';
import { emptyBookkeeping, type Bookkeeping } from '../stream/bookkeeping.js';

export const LISTING_STATUSES = [
  'none',
  'planned',
  'filed',
  'marketing',
  'priced',
  'trading',
  'postponed',
  'withdrawn',
  'delisted',
] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export interface PriceRange {
  low?: Money | null;
  high?: Money | null;
}

export interface ListingState extends Bookkeeping {
  kind: 'listing';
  status: ListingStatus;
  /** The stage a postponed listing had reached; later moves are measured against it. */
  postponed_from: ListingStatus | null;
  /** The event that set `status`, named when a rule breaks. */
  status_event_id: string | null;
  company: CompanyRef | null;
  venue: Venue | null;
  ticker: string | null;
  proposed_ticker: string | null;
  filing_type: string | null;
  previous_listing_id: string | null;
  expected_window: Window | null;
  offer_price: Money | null;
  price_range: PriceRange | null;
  shares_offered: number | null;
  gross_proceeds: Money | null;
  gross_proceeds_basis: string | null;
  valuation: Money | null;
  first_day: { open_price: Money | null; first_day_close: Money | null; first_day_change_bp: number | null } | null;
  price_moves: { direction: 'up' | 'down' | 'flat'; change_bp: number | null; measured_from: string | null; occurred_on: string | null }[];
  /** Reason given for the latest postponement, withdrawal or delisting. */
  reason: string | null;
  dates: {
    plan_reported_on: string | null;
    filed_on: string | null;
    terms_set_on: string | null;
    postponed_on: string | null;
    resumed_on: string | null;
    priced_on: string | null;
    trading_started_on: string | null;
    withdrawn_on: string | null;
    delisted_on: string | null;
  };
  reviews: ReviewState[];
}

export function initialListing(subject: string): ListingState {
  return {
    ...emptyBookkeeping(subject),
    kind: 'listing',
    status: 'none',
    postponed_from: null,
    status_event_id: null,
    company: null,
    venue: null,
    ticker: null,
    proposed_ticker: null,
    filing_type: null,
    previous_listing_id: null,
    expected_window: null,
    offer_price: null,
    price_range: null,
    shares_offered: null,
    gross_proceeds: null,
    gross_proceeds_basis: null,
    valuation: null,
    first_day: null,
    price_moves: [],
    reason: null,
    dates: {
      plan_reported_on: null,
      filed_on: null,
      terms_set_on: null,
      postponed_on: null,
      resumed_on: null,
      priced_on: null,
      trading_started_on: null,
      withdrawn_on: null,
      delisted_on: null,
    },
    reviews: [],
  };
}
