import { z } from 'zod';

export const statsQuery = z.strictObject({ group_by: z.enum(['venue', 'month', 'year']).default('venue') });

export interface StatsRow {
  key: string | null;
  count: number;
  /** One sum per currency (never converted); `approximate` when some amount summed was. */
  gross_proceeds: { currency: string; amount_minor: number; approximate: boolean }[];
}

// Two levels: sum per (group, currency) first, then fold the currencies of a group into one array.
// A listing with no date or venue falls in the null group.
export const LISTING_STATS_SQL = `
  WITH keyed AS (
    SELECT CASE $1::text
             WHEN 'venue' THEN venue
             WHEN 'month' THEN to_char(listed_on, 'YYYY-MM')
             ELSE to_char(listed_on, 'YYYY')
           END AS key,
           proceeds_currency, proceeds_minor, coalesce(proceeds_approximate, false) AS proceeds_approximate
      FROM rm_listings
  ), per_currency AS (
    SELECT key, proceeds_currency AS currency, count(*) AS listings, sum(proceeds_minor) AS amount_minor,
           bool_or(proceeds_approximate) AS approximate
      FROM keyed
     GROUP BY key, proceeds_currency
  )
  SELECT key,
         sum(listings)::int AS count,
         coalesce(jsonb_agg(jsonb_build_object('currency', currency, 'amount_minor', amount_minor, 'approximate', approximate) ORDER BY currency)
                    FILTER (WHERE currency IS NOT NULL), '[]') AS gross_proceeds
    FROM per_currency
   GROUP BY key
   ORDER BY key NULLS LAST`;
