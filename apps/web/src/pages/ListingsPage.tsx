import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { apiAll } from '../api/client';
import type { Listing } from '../api/types';
import { StatusBadge } from '../components/badges';
import { DataTable } from '../components/DataTable';
import { QueryState } from '../components/feedback';
import { ProceedsChart } from '../components/ProceedsChart';
import { CompanyName, Money } from '../components/Value';
import { readDate } from '../format/dates';
import { formatBasisPoints, majorAmount, sumByCurrency } from '../format/money';
import { humanize, text } from '../format/words';
import { TLink, useTimeTravel } from '../time/time-travel';
import { listedOn, listedOnValue, money, valuationOf, venueOf } from './listing-figures';

const column = createColumnHelper<Listing>();
const byMoney = (value: unknown) => majorAmount(money(value) ?? { currency: 'XXX', amount_minor: null }) ?? -1;

const COLUMNS = [
  column.accessor('id', { header: 'Listing', cell: (info) => <TLink to={`/listings/${info.getValue()}`}>{info.getValue()}</TLink> }),
  column.accessor((row) => JSON.stringify(row.company ?? ''), {
    id: 'company',
    header: 'Company',
    cell: (info) => <CompanyName value={info.row.original.company} />,
  }),
  column.accessor(venueOf, { id: 'venue', header: 'Venue', cell: (info) => info.getValue() || <span className="muted">not known</span> }),
  column.accessor((row) => text(row.ticker, ''), { id: 'ticker', header: 'Ticker' }),
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor((row) => byMoney(row.offer_price), {
    id: 'offer',
    header: 'Offer price',
    cell: (info) => <Money value={money(info.row.original.offer_price)} />,
  }),
  column.accessor((row) => byMoney(row.gross_proceeds), {
    id: 'proceeds',
    header: 'Gross proceeds',
    cell: (info) => <Money value={money(info.row.original.gross_proceeds)} />,
  }),
  column.accessor((row) => byMoney(valuationOf(row)), {
    id: 'valuation',
    header: 'Valuation',
    cell: (info) => <Money value={valuationOf(info.row.original)} />,
  }),
  column.accessor((row) => row.first_day?.first_day_change_bp ?? -Infinity, {
    id: 'first_day',
    header: 'First day',
    cell: (info) => {
      const first = info.row.original.first_day;
      const moves = (info.row.original.price_moves as { direction?: string }[] | undefined) ?? [];
      if (first?.first_day_change_bp !== undefined && first?.first_day_change_bp !== null)
        return formatBasisPoints(first.first_day_change_bp);
      return moves.length ? moves.map((move) => humanize(move.direction)).join(', ') : '—';
    },
  }),
  column.accessor((row) => listedOn(row) ?? '', {
    id: 'listed',
    header: 'Listed',
    cell: (info) => (info.getValue() ? readDate(listedOnValue(info.row.original)) : '—'),
  }),
];

/** Listings by venue and status, with proceeds summed per currency (never converted) and charted by month. */
export function ListingsPage() {
  const time = useTimeTravel();
  const [params, setParams] = useSearchParams();
  const venue = params.get('venue') ?? '';
  const status = params.get('status') ?? '';
  const id = useId();
  const listings = useQuery({
    queryKey: ['listings', time.query],
    queryFn: ({ signal }) => apiAll<Listing>('/v1/listings', time.query, { signal }),
  });
  const setFilter = (name: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  return (
    <>
      <h1>Listings</h1>
      <QueryState query={listings} what="Loading listings">
        {(all) => {
          const venues = [...new Set(all.map(venueOf))].sort();
          const statuses = [...new Set(all.map((listing) => listing.status))].sort();
          const rows = all.filter((listing) => (!venue || venueOf(listing) === venue) && (!status || listing.status === status));
          const byVenue = venues
            .map((code) => ({ venue: code, listings: rows.filter((listing) => venueOf(listing) === code) }))
            .filter((group) => group.listings.length > 0);
          return (
            <>
              <form className="filters" aria-label="Filter listings" onSubmit={(event) => event.preventDefault()}>
                <div>
                  <label htmlFor={`${id}-venue`}>Venue</label>
                  <select id={`${id}-venue`} value={venue} onChange={(event) => setFilter('venue', event.target.value)}>
                    <option value="">all venues</option>
                    {venues.map((code) => (
                      <option key={code} value={code}>
                        {code || 'no venue known'}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`${id}-status`}>Status</label>
                  <select id={`${id}-status`} value={status} onChange={(event) => setFilter('status', event.target.value)}>
                    <option value="">all statuses</option>
                    {statuses.map((code) => (
                      <option key={code} value={code}>
                        {humanize(code)}
                      </option>
                    ))}
                  </select>
                </div>
              </form>
              <section aria-labelledby="venue-totals">
                <h2 id="venue-totals">By venue</h2>
                <ul className="totals">
                  {byVenue.map((group) => {
                    const sums = sumByCurrency(group.listings.map((listing) => money(listing.gross_proceeds)));
                    return (
                      <li key={group.venue} className="card total" data-venue={group.venue || 'none'}>
                        <strong>{group.venue || 'no venue known'}</strong>
                        <span>
                          {group.listings.length} listing{group.listings.length === 1 ? '' : 's'}
                        </span>
                        <span className="total-proceeds">
                          {sums.length ? (
                            sums.map((sum, index) => (
                              <span key={sum.currency}>
                                {index > 0 ? ' + ' : ''}
                                <Money value={sum} />
                              </span>
                            ))
                          ) : (
                            <span className="muted">no proceeds stated</span>
                          )}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </section>
              <DataTable rows={rows} columns={COLUMNS} caption="Listings" empty="No listing matches." />
              <ProceedsChart listings={rows} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}
