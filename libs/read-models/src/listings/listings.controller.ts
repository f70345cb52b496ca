import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AggregateState } from '@newsledger/domain';
import { EventStore } from '@newsledger/event-store';
import { PG_POOL, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { companyFilter, dateFilter } from '../http/filters.js';
import { ApiQueries } from '../http/api-queries.decorator.js';
import { decodeCursor, pageQuery, toPage } from '../http/page.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { asOfQuery, loadResource, toResource, type AsOfQuery } from '../http/resource.js';
import { LISTING_STATS_SQL, statsQuery, type StatsRow } from './listing-stats.query.js';

const listQuery = z.strictObject({
  company: companyFilter.optional(),
  venue: z.string().regex(/^[A-Z0-9]{4}$/, 'expected an ISO 10383 MIC').optional(),
  status: z.string().regex(/^[a-z_]+$/).optional(),
  from: dateFilter.optional(),
  to: dateFilter.optional(),
  ...pageQuery,
});

// from/to bound the day the listing priced or started trading.
const LIST_SQL = `
  SELECT subject, state FROM rm_listings
   WHERE ($1::text IS NULL OR company = $1)
     AND ($2::text IS NULL OR venue = $2)
     AND ($3::text IS NULL OR status = $3)
     AND ($4::date IS NULL OR listed_on >= $4)
     AND ($5::date IS NULL OR listed_on <= $5)
     AND ($6::text IS NULL OR subject > $6)
   ORDER BY subject
   LIMIT $7`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@Controller('v1/listings')
export class ListingsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  @Get()
  @ApiQueries(listQuery)
  @ProjectionPosition('rm_listings')
  async list(@Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [after] = decodeCursor(query.cursor, 1) ?? [null];
    const { rows } = await this.pool.query<{ subject: string; state: AggregateState }>(LIST_SQL, [
      query.company ?? null,
      query.venue ?? null,
      query.status ?? null,
      query.from ?? null,
      query.to ?? null,
      after,
      query.limit + 1,
    ]);
    return toPage(rows, query.limit, (r) => [r.subject], (r) => toResource(r.state));
  }

  /** Count and gross proceeds summed per currency (never converted), by venue, month or year listed. */
  @Get('stats')
  @ApiQueries(statsQuery)
  @ProjectionPosition('rm_listings')
  async stats(@Query(new ZodPipe(statsQuery)) query: z.output<typeof statsQuery>) {
    const { rows } = await this.pool.query<StatsRow>(LISTING_STATS_SQL, [query.group_by]);
    return { group_by: query.group_by, data: rows };
  }

  @Get(':id')
  @ApiQueries(asOfQuery)
  @ProjectionPosition('rm_listings')
  get(@Param('id') id: string, @Query(new ZodPipe(asOfQuery)) asOf: AsOfQuery) {
    return loadResource(this.pool, this.store, 'rm_listings', 'listing', id, asOf);
  }
}
