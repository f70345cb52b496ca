import { companyIdOf, micOf, moneyOf, type ListingState } from '@newsledger/domain';
import { foldingProjection } from '../projection/projection.js';
import { storedRows, type RowShape } from '../projection/row-shape.js';
import { upsertParams, upsertRowsSql } from '../projection/upsert-rows.js';

export const LISTING_ROWS: RowShape<ListingState> = {
  table: 'rm_listings',
  columns: {
    status: 'text',
    company: 'text',
    venue: 'text',
    listed_on: 'date',
    proceeds_currency: 'text',
    proceeds_minor: 'bigint',
    proceeds_approximate: 'boolean',
  },
  rowOf: (state) => {
    // Proceeds given only in words have no number to sum.
    const proceeds = moneyOf(state.gross_proceeds);
    return {
      subject: state.subject,
      status: state.status,
      company: companyIdOf(state.company),
      venue: micOf(state.venue),
      listed_on: (state.dates.trading_started_on ?? state.dates.priced_on)?.date ?? null,
      proceeds_currency: proceeds?.currency ?? null,
      proceeds_minor: proceeds?.amount_minor ?? null,
      proceeds_approximate: proceeds?.approximate ?? null,
      state,
    };
  },
};

const UPSERT_LISTINGS = upsertRowsSql(LISTING_ROWS.table, LISTING_ROWS.columns);

export const listingsProjection = foldingProjection<ListingState>('rm_listings', 'listing', async (client, states) => {
  await client.query(UPSERT_LISTINGS, upsertParams(storedRows(LISTING_ROWS, states)));
});
