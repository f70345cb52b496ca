import { assertNever } from '../assert-never.js';
import { givenFields } from '../given-fields.js';
import { evolveReviewOf } from '../review/review.evolve.js';
import { typed, type Fact } from '../stream/fact.js';
import { stated, withDetails } from '../stream/provenance.js';
import { applyChanges } from '../values/apply-changes.js';
import type { CompanyRef } from '../values/company-ref.js';
import { datedOf } from '../values/dates.js';
import type { Venue } from '../values/venue.js';
import { LISTING_TERM_FIELDS, type LISTING_EVENTS } from './listing.events.js';
import type { ListingState, ListingStatus } from './listing.state.js';

function moveTo(
  state: ListingState,
  status: ListingStatus,
  fact: Fact,
  date: keyof ListingState['dates'],
  fields: Partial<ListingState>,
): ListingState {
  const dates = { ...state.dates, [date]: datedOf(fact.occurred_on, fact.occurred_precision) };
  return withDetails(stated(state, fact, { status, dates, ...fields }, ['status', `dates.${date}`, ...Object.keys(fields)]), fact);
}

export function evolveListing(state: ListingState, fact: Fact): ListingState {
  const e = typed<typeof LISTING_EVENTS>(fact);
  const occurred_on = datedOf(fact.occurred_on, fact.occurred_precision);
  // Every step may say whose listing it is and where.
  const named = e.data as { company?: CompanyRef | null; venue?: Venue | null };
  const whose = givenFields({ company: named.company, venue: named.venue });
  switch (e.type) {
    case 'listing.plan_reported':
      return moveTo(state, 'planned', fact, 'plan_reported_on', { ...whose, ...givenFields({ expected_window: e.data.expected_window }) });
    case 'listing.filed': {
      const { filing_type, proposed_ticker, previous_listing_id, expected_window } = e.data;
      return moveTo(state, 'filed', fact, 'filed_on', {
        ...whose,
        ...givenFields({ filing_type, proposed_ticker, previous_listing_id, expected_window }),
      });
    }
    case 'listing.terms_set':
      return moveTo(state, 'marketing', fact, 'terms_set_on', {
        ...whose,
        ...givenFields({ price_range: e.data.price_range, shares_offered: e.data.shares_offered }),
      });
    case 'listing.terms_revised': {
      const terms = { price_range: state.price_range, shares_offered: state.shares_offered };
      const { doc, changed, not_applied } = applyChanges(terms, e.data.changes, LISTING_TERM_FIELDS);
      const revision = { changes: e.data.changes ?? null, not_applied, occurred_on, details: fact.details };
      return stated(state, fact, { status: 'marketing', ...whose, ...doc, terms_revisions: [...state.terms_revisions, revision] }, [
        'status',
        ...Object.keys(whose),
        ...changed,
        `terms_revisions.${state.terms_revisions.length}`,
      ]);
    }
    case 'listing.postponed':
      return moveTo(state, 'postponed', fact, 'postponed_on', {
        ...whose,
        postponed_from: state.status === 'postponed' ? state.postponed_from : state.status,
        reason: e.data.reason ?? null,
      });
    case 'listing.resumed':
      return moveTo(state, 'filed', fact, 'resumed_on', { ...whose, postponed_from: null, ...givenFields({ reason: e.data.reason }) });
    case 'listing.priced': {
      const { company, venue, offer_price, price_range, shares_offered, gross_proceeds, gross_proceeds_basis, valuation, ticker } = e.data;
      return moveTo(
        state,
        'priced',
        fact,
        'priced_on',
        givenFields({ company, venue, offer_price, price_range, shares_offered, gross_proceeds, gross_proceeds_basis, valuation, ticker }),
      );
    }
    case 'listing.trading_started':
      return moveTo(state, 'trading', fact, 'trading_started_on', {
        venue: e.data.venue,
        ...givenFields({ ticker: e.data.ticker }),
        first_day: {
          open_price: e.data.open_price ?? null,
          first_day_close: e.data.first_day_close ?? null,
          first_day_change_bp: e.data.first_day_change_bp ?? null,
        },
      });
    case 'listing.price_move_reported': {
      const { direction, change_bp, measured_from } = e.data;
      const move = { direction, change_bp: change_bp ?? null, measured_from: measured_from ?? null, occurred_on, details: fact.details };
      return stated(state, fact, { price_moves: [...state.price_moves, move] }, [`price_moves.${state.price_moves.length}`]);
    }
    case 'listing.withdrawn':
      return moveTo(state, 'withdrawn', fact, 'withdrawn_on', { ...whose, reason: e.data.reason ?? null });
    case 'listing.delisted':
      return moveTo(state, 'delisted', fact, 'delisted_on', { reason: e.data.reason ?? null });
    case 'listing.review_opened':
    case 'listing.review_phase_changed':
    case 'listing.review_deadline_extended':
    case 'listing.review_suspended':
    case 'listing.review_resumed':
    case 'listing.review_decided':
    case 'listing.review_closed_without_decision':
    case 'listing.review_withdrawn':
      return evolveReviewOf(state, 'listing', fact);
    default:
      return assertNever(e);
  }
}
