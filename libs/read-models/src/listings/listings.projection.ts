import { companyIdOf, micOf, moneyOf, type ListingState } from '@newsledger/domain';
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
  const rows = states.map((state) => {
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
      state,
    };
  });
  await client.query(UPSERT_LISTINGS, [JSON.stringify(rows)]);
});
