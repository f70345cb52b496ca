import type { ReviewState } from '../review/review.state.js';
import { initialState, type Bookkeeping } from '../stream/bookkeeping.js';
import type { Change } from '../values/changes.js';
import type { CompanyRef } from '../values/company-ref.js';
import type { Dated } from '../values/dates.js';
import type { MoneyValue } from '../values/money.js';
import type { Venue } from '../values/venue.js';
import type { Window } from '../values/window.js';
import type { PriceRange } from './listing.events.js';

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

type Details = Record<string, unknown>;

export interface ListingState extends Bookkeeping {
  kind: 'listing';
  status: ListingStatus;
  /** The stage a postponed listing had reached; later moves are measured against it. */
  postponed_from: ListingStatus | null;
  company: CompanyRef | null;
  venue: Venue | null;
  ticker: string | null;
  proposed_ticker: string | null;
  filing_type: string | null;
  previous_listing_id: string | null;
  expected_window: Window | null;
  offer_price: MoneyValue | null;
  price_range: PriceRange | null;
  shares_offered: number | null;
  gross_proceeds: MoneyValue | null;
  gross_proceeds_basis: string | null;
  valuation: MoneyValue | null;
  first_day: { open_price: MoneyValue | null; first_day_close: MoneyValue | null; first_day_change_bp: number | null } | null;
  price_moves: {
    direction: 'up' | 'down' | 'flat';
    change_bp: number | null;
    measured_from: string | null;
    occurred_on: Dated | null;
    details: Details;
  }[];
  terms_revisions: {
    changes: Change[] | Record<string, unknown> | string | null;
    not_applied: string[];
    occurred_on: Dated | null;
    details: Details;
  }[];
  /** Reason given for the latest postponement, resumption, withdrawal or delisting. */
  reason: string | null;
  dates: {
    plan_reported_on: Dated | null;
    filed_on: Dated | null;
    terms_set_on: Dated | null;
    postponed_on: Dated | null;
    resumed_on: Dated | null;
    priced_on: Dated | null;
    trading_started_on: Dated | null;
    withdrawn_on: Dated | null;
    delisted_on: Dated | null;
  };
  reviews: ReviewState[];
}

export function initialListing(subject: string): ListingState {
  return initialState<ListingState>(subject, {
    kind: 'listing',
    status: 'none',
    postponed_from: null,
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
    terms_revisions: [],
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
  });
}
