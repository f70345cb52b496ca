import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AggregateState } from '@newsledger/domain';
import { EventStore } from '@newsledger/event-store';
import { PG_POOL, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { regionFilter } from '../http/filters.js';
import { ApiQueries } from '../http/api-queries.decorator.js';
import { decodeCursor, pageQuery, toPage } from '../http/page.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { asOfQuery, loadResource, toResource, type AsOfQuery } from '../http/resource.js';

const listQuery = z.strictObject({
  status: z.enum(['none', 'in_force', 'rescinded']).optional(),
  authority: z.string().regex(/^[A-Z]{2}(-[A-Z0-9_]+)+$/, 'expected an authority code like US-BIS').optional(),
  destination: regionFilter.optional(),
  ...pageQuery,
});

const LIST_SQL = `
  SELECT subject, state FROM rm_rules
   WHERE ($1::text IS NULL OR status = $1)
     AND ($2::text IS NULL OR authority = $2)
     AND ($3::text IS NULL OR $3 = ANY (destinations))
     AND ($4::text IS NULL OR subject > $4)
   ORDER BY subject
   LIMIT $5`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@Controller('v1/rules')
export class RulesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  /** Export-control rules: `status` in_force or rescinded, the issuing `authority`, a `destination` they cover. */
  @Get()
  @ApiQueries(listQuery)
  @ProjectionPosition('rm_rules')
  async list(@Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [after] = decodeCursor(query.cursor, 1) ?? [null];
    const { rows } = await this.pool.query<{ subject: string; state: AggregateState }>(LIST_SQL, [
      query.status ?? null,
      query.authority ?? null,
      query.destination ?? null,
      after,
      query.limit + 1,
    ]);
    return toPage(rows, query.limit, (r) => [r.subject], (r) => toResource(r.state));
  }

  /** Title, instrument, destinations and review policy as issued, its amendments, and its rescission. */
  @Get(':id')
  @ApiQueries(asOfQuery)
  @ProjectionPosition('rm_rules')
  get(@Param('id') id: string, @Query(new ZodPipe(asOfQuery)) asOf: AsOfQuery) {
    return loadResource(this.pool, this.store, 'rm_rules', 'rule', id, asOf);
  }
}
