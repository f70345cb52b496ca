import type { Listing } from '../api/types';
import { isoDateOf } from '../format/dates';
import { isMoney, majorAmount, type MoneyLike } from '../format/money';
import { text } from '../format/words';

export const money = (value: unknown): MoneyLike | null => (isMoney(value) ? value : null);

/** The venue's MIC (or its words), '' when none is known. */
export const venueOf = (listing: Listing): string => text(listing.venue, '');

/** When a listing came to market, as recorded (with its precision when the API gives one): priced, else first traded. */
export function listedOnValue(listing: Listing): unknown {
  return listing.dates?.priced_on ?? listing.dates?.trading_started_on ?? null;
}

/** The same day as an ISO date, for sorting and grouping. */
export function listedOn(listing: Listing): string | null {
  return isoDateOf(listedOnValue(listing));
}

/** The valuation as a Money, whether the API sends a Money or `{amount: Money, basis}`. */
export function valuationOf(listing: Listing): MoneyLike | null {
  const valuation = listing.valuation as { amount?: unknown } | null;
  return money(valuation) ?? money(valuation?.amount);
}

export interface ChartRow {
  month: string;
  [venue: string]: number | string;
}

/** Gross proceeds in one currency, in millions, by month listed and venue (stacked bars). */
export function proceedsByMonthAndVenue(listings: Listing[], currency: string): { rows: ChartRow[]; venues: string[] } {
  const cells = new Map<string, Map<string, number>>();
  const venues = new Set<string>();
  for (const listing of listings) {
    const proceeds = money(listing.gross_proceeds);
    const day = listedOn(listing);
    if (!proceeds || proceeds.currency !== currency || !day) continue;
    const amount = majorAmount(proceeds);
    if (amount === null) continue;
    const venue = venueOf(listing) || 'no venue';
    venues.add(venue);
    const month = cells.get(day.slice(0, 7)) ?? new Map<string, number>();
    month.set(venue, (month.get(venue) ?? 0) + amount / 1e6);
    cells.set(day.slice(0, 7), month);
  }
  const rows = [...cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, byVenue]) => ({ month, ...Object.fromEntries(byVenue) }));
  return { rows, venues: [...venues].sort() };
}

/** Currencies that carry proceeds, the most used first. */
export function proceedsCurrencies(listings: Listing[]): string[] {
  const counts = new Map<string, number>();
  for (const listing of listings) {
    const proceeds = money(listing.gross_proceeds);
    if (proceeds) counts.set(proceeds.currency, (counts.get(proceeds.currency) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}
