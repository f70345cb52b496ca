import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@newsledger/event-store';
import { ApiDocs, ApiQueries, pageQuery, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { dateFilter } from '../http/filters.js';
import { listPage } from '../http/list-page.js';
import { PresentationInterceptor } from '../http/presentation.interceptor.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { ReadPool } from '../http/read-database.js';
import { loadResource } from '../http/resource.js';
import { subjectFilter } from '../http/subject-id.js';
import { timeFields, timeQuery, type TimeQuery } from '../http/time-query.js';
import { LISTING_STATS_SQL, statsQuery, type StatsRow } from './listing-stats.query.js';
import { LISTING_ROWS } from './listings.projection.js';
import { LISTING_EXAMPLE, listingResource, pageSchema } from '../http/resource-docs.js';

const listQuery = z.strictObject({
  company: subjectFilter('company').optional(),
  venue: z
    .string()
    .regex(/^[A-Z0-9]{4}$/, 'expected an ISO 10383 MIC')
    .optional(),
  status: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional(),
  from: dateFilter.optional(),
  to: dateFilter.optional(),
  ...timeFields,
  ...pageQuery,
});

// from/to bound the day the listing priced or started trading.
export const LISTING_FILTERS = `
      ($1::text IS NULL OR company = $1)
  AND ($2::text IS NULL OR venue = $2)
  AND ($3::text IS NULL OR status = $3)
  AND ($4::date IS NULL OR listed_on >= $4)
  AND ($5::date IS NULL OR listed_on <= $5)`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@UseInterceptors(PresentationInterceptor)
@Controller('v1/listings')
export class ListingsController {
  constructor(private readonly store: EventStore) {}

  /** Listing attempts, at a past point with `as_of`/`valid_at`. */
  @Get()
  @ApiQueries(listQuery)
  @ApiDocs({
    summary: 'List listings',
    description:
      'Listing attempts (IPOs and other listings) by company, venue (MIC), status and the day they priced or started trading; at a past point with `as_of`/`valid_at`.',
    response: {
      status: 200,
      description: 'A page of listings.',
      schema: pageSchema(listingResource),
      example: { data: [LISTING_EXAMPLE], next_cursor: null },
    },
  })
  @ProjectionPosition('rm_listings', { cachedList: {} })
  list(@ReadPool() pool: pg.Pool, @Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const params = [query.company ?? null, query.venue ?? null, query.status ?? null, query.from ?? null, query.to ?? null];
    return listPage(pool, this.store, { shape: LISTING_ROWS, where: LISTING_FILTERS, params }, query);
  }

  /** Count and gross proceeds summed per currency (never converted, `approximate` when some amount was), by venue (default), month or year listed. */
  @Get('stats')
  @ApiQueries(statsQuery)
  @ApiDocs({
    summary: 'Listing statistics',
    description:
      'Count and gross proceeds summed per currency (never converted; `approximate` when some amount was), grouped by venue (default), month or year listed.',
    response: {
      status: 200,
      description: 'One row per group and currency.',
      schema: z.object({ group_by: z.enum(['venue', 'month', 'year']), data: z.array(z.record(z.string(), z.unknown())) }),
      example: {
        group_by: 'venue',
        data: [{ group: 'XHKG', count: 4, currency: 'HKD', gross_proceeds_minor: 156000000000, approximate: false }],
      },
    },
  })
  @ProjectionPosition('rm_listings')
  async stats(@ReadPool() pool: pg.Pool, @Query(new ZodPipe(statsQuery)) query: z.output<typeof statsQuery>) {
    const { rows } = await pool.query<StatsRow>(LISTING_STATS_SQL, [query.group_by]);
    return { group_by: query.group_by, data: rows };
  }

  @Get(':id')
  @ApiQueries(timeQuery)
  @ApiDocs({
    summary: 'One listing',
    description:
      'Status, company, venue, ticker, offer price, gross proceeds and dates, its reviews; at a past point with `as_of`/`valid_at`.',
    response: { status: 200, description: 'The listing.', schema: listingResource, example: LISTING_EXAMPLE },
  })
  @ProjectionPosition('rm_listings')
  get(@ReadPool() pool: pg.Pool, @Param('id') id: string, @Query(new ZodPipe(timeQuery)) time: TimeQuery) {
    return loadResource(pool, this.store, 'rm_listings', 'listing', id, time);
  }
}
