import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AggregateState } from '@newsledger/domain';
import { EventStore } from '@newsledger/event-store';
import { PG_POOL, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { ApiQueries } from '../http/api-queries.decorator.js';
import { decodeCursor, pageQuery, toPage } from '../http/page.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { asOfQuery, loadResource, toResource, type AsOfQuery } from '../http/resource.js';

const listQuery = z.strictObject({
  product: z.string().trim().min(1).max(200).optional(),
  ...pageQuery,
});

const LIST_SQL = `
  SELECT subject, state FROM rm_chiptrade
   WHERE ($1::text IS NULL OR export->'products' ? $1)
     AND ($2::text IS NULL OR subject > $2)
   ORDER BY subject
   LIMIT $3`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@Controller('v1/chiptrade')
export class ChipTradeController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  @Get()
  @ApiQueries(listQuery)
  @ProjectionPosition('rm_chiptrade')
  async list(@Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [after] = decodeCursor(query.cursor, 1) ?? [null];
    const { rows } = await this.pool.query<{ subject: string; state: AggregateState }>(LIST_SQL, [query.product ?? null, after, query.limit + 1]);
    return toPage(rows, query.limit, (r) => [r.subject], (r) => toResource(r.state));
  }

  /** `export` (state, review policy, authorization, applications, licences) and `import` (state, restrictions, official status, approvals). */
  @Get(':id')
  @ApiQueries(asOfQuery)
  @ProjectionPosition('rm_chiptrade')
  get(@Param('id') id: string, @Query(new ZodPipe(asOfQuery)) asOf: AsOfQuery) {
    return loadResource(this.pool, this.store, 'rm_chiptrade', 'chiptrade', id, asOf);
  }
}
