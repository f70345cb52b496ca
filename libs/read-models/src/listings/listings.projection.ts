import type { ListingState } from '@newsledger/domain';
import { foldingProjection } from '../projection/projection.js';
import type { RowShape } from '../projection/row-shape.js';
import { upsertRowsSql } from '../projection/upsert-rows.js';

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
  rowOf: (state) => ({
    subject: state.subject,
    status: state.status,
    company: state.company?.company_id ?? null,
    venue: state.venue?.mic ?? null,
    listed_on: state.dates.trading_started_on ?? state.dates.priced_on,
    proceeds_currency: state.gross_proceeds?.currency ?? null,
    proceeds_minor: state.gross_proceeds?.amount_minor ?? null,
    proceeds_approximate: state.gross_proceeds?.approximate ?? null,
    state,
  }),
};

const UPSERT_LISTINGS = upsertRowsSql(LISTING_ROWS.table, LISTING_ROWS.columns);

export const listingsProjection = foldingProjection<ListingState>('rm_listings', 'listing', async (client, states) => {
  await client.query(UPSERT_LISTINGS, [JSON.stringify(states.map(LISTING_ROWS.rowOf))]);
});
