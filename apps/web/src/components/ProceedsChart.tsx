import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Listing } from '../api/types';
import { formatMoney } from '../format/money';
import { proceedsByMonthAndVenue, proceedsCurrencies } from '../pages/listing-figures';

// Distinguishable for common colour-vision deficiencies (Okabe–Ito), and every bar is labelled in the table below.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** Gross proceeds by month and venue, one currency at a time (amounts are never converted). */
export function ProceedsChart({ listings }: { listings: Listing[] }) {
  const currencies = proceedsCurrencies(listings);
  const [chosen, setChosen] = useState<string | null>(null);
  const currency = chosen && currencies.includes(chosen) ? chosen : currencies[0];
  const id = useId();
  if (!currency) return <p className="muted">No listing states its gross proceeds.</p>;
  const { rows, venues } = proceedsByMonthAndVenue(listings, currency);
  const millions = (value: number) => formatMoney({ currency, amount: String(value * 1e6) });
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        Gross proceeds by month and venue, in{' '}
        {currencies.length > 1 ? (
          <select aria-label="Currency" value={currency} onChange={(event) => setChosen(event.target.value)}>
            {currencies.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        ) : (
          currency
        )}
      </figcaption>
      <div className="chart-area">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis tickFormatter={(value: number) => millions(value)} width={90} />
            <Tooltip formatter={(value) => millions(Number(value))} />
            <Legend />
            {venues.map((venue, index) => (
              <Bar
                key={venue}
                dataKey={venue}
                stackId="proceeds"
                fill={PALETTE[index % PALETTE.length]}
                isAnimationActive={false}
                maxBarSize={80}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>The chart's figures</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {venues.map((venue) => (
                <th key={venue} scope="col">
                  {venue}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.month}>
                <th scope="row">{row.month}</th>
                {venues.map((venue) => (
                  <td key={venue}>{typeof row[venue] === 'number' ? millions(row[venue] as number) : '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
