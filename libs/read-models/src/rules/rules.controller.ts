import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@newsledger/event-store';
import { ApiDocs, ApiQueries, pageQuery, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { authorityFilter, regionFilter } from '../http/filters.js';
import { listPage } from '../http/list-page.js';
import { PresentationInterceptor } from '../http/presentation.interceptor.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { ReadPool } from '../http/read-database.js';
import { loadResource } from '../http/resource.js';
import { timeQuery, type TimeQuery } from '../http/time-query.js';
import { RULE_ROWS } from './rules.projection.js';
import { pageSchema, RULE_EXAMPLE, ruleResource } from '../http/resource-docs.js';

const listQuery = z.strictObject({
  status: z.enum(['none', 'in_force', 'rescinded']).optional(),
  authority: authorityFilter.optional(),
  destination: regionFilter.optional(),
  ...pageQuery,
});

export const RULE_FILTERS = `
      ($1::text IS NULL OR status = $1)
  AND ($2::text IS NULL OR authority = $2)
  AND ($3::text IS NULL OR destinations @> ARRAY[$3::text])`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@UseInterceptors(PresentationInterceptor)
@Controller('v1/rules')
export class RulesController {
  constructor(private readonly store: EventStore) {}

  /** Export-control rules: `status` in_force or rescinded, the issuing `authority`, a `destination` they cover. */
  @Get()
  @ApiQueries(listQuery)
  @ApiDocs({
    summary: 'List export-control rules',
    description: 'Rules by `status` (in_force or rescinded), issuing `authority` and a `destination` they cover.',
    response: {
      status: 200,
      description: 'A page of rules.',
      schema: pageSchema(ruleResource),
      example: { data: [RULE_EXAMPLE], next_cursor: null },
    },
  })
  @ProjectionPosition('rm_rules', { cachedList: {} })
  list(@ReadPool() pool: pg.Pool, @Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const params = [query.status ?? null, query.authority ?? null, query.destination ?? null];
    return listPage(pool, this.store, { shape: RULE_ROWS, where: RULE_FILTERS, params }, query);
  }

  /** Title, instrument, destinations and review policy as issued, its amendments, and its rescission. */
  @Get(':id')
  @ApiQueries(timeQuery)
  @ApiDocs({
    summary: 'One export-control rule',
    description:
      'Title, instrument, destinations and review policy as issued, its amendments, and its rescission; at a past point with `as_of`/`valid_at`.',
    response: { status: 200, description: 'The rule.', schema: ruleResource, example: RULE_EXAMPLE },
  })
  @ProjectionPosition('rm_rules')
  get(@ReadPool() pool: pg.Pool, @Param('id') id: string, @Query(new ZodPipe(timeQuery)) time: TimeQuery) {
    return loadResource(pool, this.store, 'rm_rules', 'rule', id, time);
  }
}
