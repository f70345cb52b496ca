import type { ListingState } from '@newsledger/domain';
import { upsertRowsSql } from '../projection/upsert-rows.js';
import { foldingProjection } from '../projection/projection.js';

const UPSERT_LISTINGS = upsertRowsSql('rm_listings', {
  status: 'text',
  company: 'text',
  venue: 'text',
  listed_on: 'date',
  proceeds_currency: 'text',
  proceeds_minor: 'bigint',
});

export const listingsProjection = foldingProjection<ListingState>('rm_listings', 'listing', async (client, states) => {
  const rows = states.map((state) => ({
    subject: state.subject,
    status: state.status,
    company: state.company?.company_id ?? null,
    venue: state.venue?.mic ?? null,
    listed_on: state.dates.trading_started_on ?? state.dates.priced_on,
    proceeds_currency: state.gross_proceeds?.currency ?? null,
    proceeds_minor: state.gross_proceeds?.amount_minor ?? null,
    state,
  }));
  await client.query(UPSERT_LISTINGS, [JSON.stringify(rows)]);
});
