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
import { subjectFilter } from '../http/subject-id.js';
import { timeFields, timeQuery, type TimeQuery } from '../http/time-query.js';
import { ACQUISITION_ROWS } from './acquisitions.projection.js';
import { ACQUISITION_EXAMPLE, acquisitionResource, pageSchema } from '../http/resource-docs.js';

const listQuery = z.strictObject({
  status: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional(),
  jurisdiction: regionFilter.optional(),
  authority: authorityFilter.optional(),
  company: subjectFilter('company').optional(),
  ...timeFields,
  ...pageQuery,
});

// `authority` looks inside the folded reviews: jsonb containment, no column of its own.
export const ACQUISITION_FILTERS = `
      ($1::text IS NULL OR status = $1)
  AND ($2::text IS NULL OR jurisdictions @> ARRAY[$2::text])
  AND ($3::text IS NULL OR state->'reviews' @> jsonb_build_array(jsonb_build_object('authority', jsonb_build_object('code', $3::text))))
  AND ($4::text IS NULL OR acquirer = $4 OR target = $4)`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@UseInterceptors(PresentationInterceptor)
@Controller('v1/acquisitions')
export class AcquisitionsController {
  constructor(private readonly store: EventStore) {}

  /** `status` is the derived deal status (`under_review` while a review is pending); at a past point with `as_of`/`valid_at`. */
  @Get()
  @ApiQueries(listQuery)
  @ApiDocs({
    summary: 'List acquisitions',
    description:
      'Deals by derived status (`under_review` while a review is pending), a jurisdiction or authority reviewing them, or a company on either side; at a past point with `as_of`/`valid_at`.',
    response: {
      status: 200,
      description: 'A page of deals.',
      schema: pageSchema(acquisitionResource),
      example: { data: [ACQUISITION_EXAMPLE], next_cursor: null },
    },
  })
  @ProjectionPosition('rm_acquisitions', { cachedList: {} })
  list(@ReadPool() pool: pg.Pool, @Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const params = [query.status ?? null, query.jurisdiction ?? null, query.authority ?? null, query.company ?? null];
    return listPage(pool, this.store, { shape: ACQUISITION_ROWS, where: ACQUISITION_FILTERS, params }, query);
  }

  @Get(':id')
  @ApiQueries(timeQuery)
  @ApiDocs({
    summary: 'One acquisition',
    description:
      'Derived status, acquirer, target, terms, and each regulatory review (jurisdiction, authority, regime, phase, state, outcome, conditions, deadline); at a past point with `as_of`/`valid_at`.',
    response: { status: 200, description: 'The deal.', schema: acquisitionResource, example: ACQUISITION_EXAMPLE },
  })
  @ProjectionPosition('rm_acquisitions')
  get(@ReadPool() pool: pg.Pool, @Param('id') id: string, @Query(new ZodPipe(timeQuery)) time: TimeQuery) {
    return loadResource(pool, this.store, 'rm_acquisitions', 'acquisition', id, time);
  }
}
