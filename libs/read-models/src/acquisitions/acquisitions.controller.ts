import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AggregateState } from '@newsledger/domain';
import { EventStore } from '@newsledger/event-store';
import { PG_POOL, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { companyFilter, regionFilter } from '../http/filters.js';
import { ApiQueries } from '../http/api-queries.decorator.js';
import { decodeCursor, pageQuery, toPage } from '../http/page.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { asOfQuery, loadResource, toResource, type AsOfQuery } from '../http/resource.js';

const listQuery = z.strictObject({
  status: z.string().regex(/^[a-z_]+$/).optional(),
  jurisdiction: regionFilter.optional(),
  authority: z.string().regex(/^[A-Z]{2}(-[A-Z0-9_]+)+$/, 'expected an authority code like CN-SAMR').optional(),
  company: companyFilter.optional(),
  ...pageQuery,
});

// `authority` looks inside the folded reviews: jsonb containment, no column of its own.
const LIST_SQL = `
  SELECT subject, state FROM rm_acquisitions
   WHERE ($1::text IS NULL OR status = $1)
     AND ($2::text IS NULL OR $2 = ANY (jurisdictions))
     AND ($3::text IS NULL OR state->'reviews' @> jsonb_build_array(jsonb_build_object('authority', jsonb_build_object('code', $3::text))))
     AND ($4::text IS NULL OR acquirer = $4 OR target = $4)
     AND ($5::text IS NULL OR subject > $5)
   ORDER BY subject
   LIMIT $6`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@Controller('v1/acquisitions')
export class AcquisitionsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  /** `status` is the derived deal status (`under_review` while a review is pending). */
  @Get()
  @ApiQueries(listQuery)
  @ProjectionPosition('rm_acquisitions')
  async list(@Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [after] = decodeCursor(query.cursor, 1) ?? [null];
    const { rows } = await this.pool.query<{ subject: string; state: AggregateState }>(LIST_SQL, [
      query.status ?? null,
      query.jurisdiction ?? null,
      query.authority ?? null,
      query.company ?? null,
      after,
      query.limit + 1,
    ]);
    return toPage(rows, query.limit, (r) => [r.subject], (r) => toResource(r.state));
  }

  @Get(':id')
  @ApiQueries(asOfQuery)
  @ProjectionPosition('rm_acquisitions')
  get(@Param('id') id: string, @Query(new ZodPipe(asOfQuery)) asOf: AsOfQuery) {
    return loadResource(this.pool, this.store, 'rm_acquisitions', 'acquisition', id, asOf);
  }
}
