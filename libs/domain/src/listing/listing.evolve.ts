import { assertNever } from '../assert-never.js';
import { asReviewEvent, evolveReview, withReview } from '../review/review.evolve.js';
import { findReview } from '../review/review.state.js';
import { typed, type Fact } from '../stream/fact.js';
import type { LISTING_EVENTS } from './listing.events.js';
import type { ListingState, ListingStatus } from './listing.state.js';

function moveTo(state: ListingState, status: ListingStatus, fact: Fact, date: keyof ListingState['dates']): ListingState {
  return { ...state, status, status_event_id: fact.event_id, dates: { ...state.dates, [date]: fact.occurred_on } };
}

export function evolveListing(state: ListingState, fact: Fact): ListingState {
  const e = typed<typeof LISTING_EVENTS>(fact);
  switch (e.type) {
    case 'listing.plan_reported':
      return {
        ...moveTo(state, 'planned', fact, 'plan_reported_on'),
        company: e.data.company,
        venue: e.data.venue ?? state.venue,
        expected_window: e.data.expected_window ?? state.expected_window,
      };
    case 'listing.filed':
      return {
        ...moveTo(state, 'filed', fact, 'filed_on'),
        company: e.data.company,
        venue: e.data.venue ?? state.venue,
        filing_type: e.data.filing_type ?? state.filing_type,
        proposed_ticker: e.data.proposed_ticker ?? state.proposed_ticker,
        previous_listing_id: e.data.previous_listing_id ?? state.previous_listing_id,
      };
    case 'listing.terms_set':
      return {
        ...moveTo(state, 'marketing', fact, 'terms_set_on'),
        price_range: e.data.price_range ?? state.price_range,
        shares_offered: e.data.shares_offered ?? state.shares_offered,
      };
    case 'listing.terms_revised':
      return {
        ...state,
        status: 'marketing',
        status_event_id: fact.event_id,
        price_range: e.data.changes?.price_range ?? state.price_range,
        shares_offered: e.data.changes?.shares_offered ?? state.shares_offered,
      };
    case 'listing.postponed':
      return {
        ...moveTo(state, 'postponed', fact, 'postponed_on'),
        postponed_from: state.status === 'postponed' ? state.postponed_from : state.status,
        reason: e.data.reason ?? null,
      };
    case 'listing.resumed':
      return { ...moveTo(state, 'filed', fact, 'resumed_on'), postponed_from: null };
    case 'listing.priced':
      return {
        ...moveTo(state, 'priced', fact, 'priced_on'),
        company: e.data.company ?? state.company,
        venue: e.data.venue ?? state.venue,
        offer_price: e.data.offer_price ?? state.offer_price,
        price_range: e.data.price_range ?? state.price_range,
        shares_offered: e.data.shares_offered ?? state.shares_offered,
        gross_proceeds: e.data.gross_proceeds ?? state.gross_proceeds,
        gross_proceeds_basis: e.data.gross_proceeds_basis ?? state.gross_proceeds_basis,
        valuation: e.data.valuation ?? state.valuation,
        ticker: e.data.ticker ?? state.ticker,
      };
    case 'listing.trading_started':
      return {
        ...moveTo(state, 'trading', fact, 'trading_started_on'),
        venue: e.data.venue,
        ticker: e.data.ticker ?? state.ticker,
        first_day: {
          open_price: e.data.open_price ?? null,
          first_day_close: e.data.first_day_close ?? null,
          first_day_change_bp: e.data.first_day_change_bp ?? null,
        },
      };
    case 'listing.price_move_reported': {
      const { direction, change_bp, measured_from } = e.data;
      const move = { direction, change_bp: change_bp ?? null, measured_from: measured_from ?? null, occurred_on: fact.occurred_on };
      return { ...state, price_moves: [...state.price_moves, move] };
    }
    case 'listing.withdrawn':
      return { ...moveTo(state, 'withdrawn', fact, 'withdrawn_on'), reason: e.data.reason ?? null };
    case 'listing.delisted':
      return { ...moveTo(state, 'delisted', fact, 'delisted_on'), reason: e.data.reason ?? null };
    case 'listing.review_opened':
    case 'listing.review_phase_changed':
    case 'listing.review_deadline_extended':
    case 'listing.review_suspended':
    case 'listing.review_resumed':
    case 'listing.review_decided':
    case 'listing.review_closed_without_decision':
    case 'listing.review_withdrawn': {
      const review = asReviewEvent('listing', fact);
      const current = findReview(state.reviews, review.data.review_id);
      return { ...state, reviews: withReview(state.reviews, evolveReview(current, review, fact)) };
    }
    default:
      return assertNever(e);
  }
}
