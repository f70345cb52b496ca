import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@newsledger/event-store';
import { ApiDocs, ApiQueries, pageQuery, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { regionFilter } from '../http/filters.js';
import { listPage } from '../http/list-page.js';
import { PresentationInterceptor } from '../http/presentation.interceptor.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { ReadPool } from '../http/read-database.js';
import { loadResource } from '../http/resource.js';
import { subjectOfId } from '../http/subject-id.js';
import { timeFields, timeQuery, type TimeQuery } from '../http/time-query.js';
import { withAttributions } from './attributions.js';
import { CORRIDOR_ROWS } from './chiptrade.projection.js';
import { CHIPTRADE_EXAMPLE, chipTradeResource, pageSchema } from '../http/resource-docs.js';

const listQuery = z.strictObject({
  product: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'a product id (product:nvidia-h200 or nvidia-h200) or words of its name (H200)' }),
  destination: regionFilter.optional(),
  ...timeFields,
  ...pageQuery,
});

// A product matches by id, or by its name (or the words reported) containing the text, ignoring case.
export const CORRIDOR_FILTERS = `
      ($1::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(products) AS p
                                    WHERE p->>'product_id' = $2 OR strpos(lower(p->>'name'), lower($1)) > 0))
  AND ($3::text IS NULL OR destination = $3)`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@UseInterceptors(PresentationInterceptor)
@Controller('v1/chiptrade')
export class ChipTradeController {
  constructor(private readonly store: EventStore) {}

  /** Trade corridors naming a `product` (id or name), to a `destination`; at a past point with `as_of`/`valid_at`. */
  @Get()
  @ApiQueries(listQuery)
  @ApiDocs({
    summary: 'List chip-trade corridors',
    description:
      'Trade corridors naming a `product` (by id or words of its name), to a `destination`; at a past point with `as_of`/`valid_at`.',
    response: {
      status: 200,
      description: 'A page of corridors.',
      schema: pageSchema(chipTradeResource),
      example: { data: [CHIPTRADE_EXAMPLE], next_cursor: null },
    },
  })
  @ProjectionPosition('rm_chiptrade', { cachedList: {} })
  list(@ReadPool() pool: pg.Pool, @Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const id = query.product === undefined ? null : subjectOfId('product', query.product);
    // Names are matched without the id's prefix: `product:nvidia-h200` also finds the `nvidia-h200` family.
    const params = [query.product?.replace(/^product:/, '') ?? null, id, query.destination ?? null];
    // The shape's resource adds each licence's and approval's attribution.
    return listPage(pool, this.store, { shape: CORRIDOR_ROWS, where: CORRIDOR_FILTERS, params }, query);
  }

  /**
   * `export` (state, review policy, authorization, applications, licences) and `import` (state,
   * restrictions, official status, approvals); each licence and approval with its `attribution`.
   */
  @Get(':id')
  @ApiQueries(timeQuery)
  @ApiDocs({
    summary: 'One chip-trade corridor',
    description:
      'The export side (state, review policy, authorization, applications, licences) and the import side (state, restrictions, official status, approvals), each licence and approval with its attribution.',
    response: { status: 200, description: 'The corridor.', schema: chipTradeResource, example: CHIPTRADE_EXAMPLE },
  })
  @ProjectionPosition('rm_chiptrade')
  async get(@ReadPool() pool: pg.Pool, @Param('id') id: string, @Query(new ZodPipe(timeQuery)) time: TimeQuery) {
    return withAttributions(await loadResource(pool, this.store, 'rm_chiptrade', 'chiptrade', id, time));
  }
}
