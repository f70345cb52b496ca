import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { foldSubject, normalizeName, type AggregateState } from '@newsledger/domain';
import { EventStore } from '@newsledger/event-store';
import { PG_POOL, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { regionFilter } from '../http/filters.js';
import { ApiQueries } from '../http/api-queries.decorator.js';
import { decodeCursor, pageQuery, toPage } from '../http/page.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { asOfQuery, loadResource, subjectFromSlug, toResource, type AsOfQuery } from '../http/resource.js';
import { TIMELINE_SQL, timelineQuery, type TimelineRow } from '../timeline/timeline.query.js';

const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  country: regionFilter.optional(),
  unresolved: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});

// `search` holds every name already folded by normalizeName; the trigram index serves the LIKE.
const LIST_SQL = `
  SELECT subject, state FROM rm_companies
   WHERE ($1::text IS NULL OR search LIKE $1)
     AND ($2::text IS NULL OR country = $2)
     AND ($3::boolean IS NULL OR registered = NOT $3)
     AND ($4::text IS NULL OR subject > $4)
   ORDER BY subject
   LIMIT $5`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@Controller('v1/companies')
export class CompaniesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  /** `q` matches names and aliases ignoring case and diacritics; `unresolved=true`: referenced, never registered. */
  @Get()
  @ApiQueries(listQuery)
  @ProjectionPosition('rm_companies')
  async list(@Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [after] = decodeCursor(query.cursor, 1) ?? [null];
    const pattern = query.q === undefined ? null : `%${escapeLike(normalizeName(query.q))}%`;
    const { rows } = await this.pool.query<{ subject: string; state: AggregateState | null }>(LIST_SQL, [
      pattern,
      query.country ?? null,
      query.unresolved ?? null,
      after,
      query.limit + 1,
    ]);
    return toPage(rows, query.limit, (r) => [r.subject], (r) => toResource(r.state ?? foldSubject(r.subject, [])));
  }

  @Get(':id')
  @ApiQueries(asOfQuery)
  @ProjectionPosition('rm_companies')
  get(@Param('id') id: string, @Query(new ZodPipe(asOfQuery)) asOf: AsOfQuery) {
    return loadResource(this.pool, this.store, 'rm_companies', 'company', id, asOf);
  }

  /** Every counted fact naming the company, newest first by valid time, with its source and effective confidence. */
  @Get(':id/timeline')
  @ApiQueries(timelineQuery)
  @ProjectionPosition('rm_timeline')
  async timeline(@Param('id') id: string, @Query(new ZodPipe(timelineQuery)) query: z.output<typeof timelineQuery>) {
    const company = subjectFromSlug('company', id);
    // An unknown company is a 404, not an empty timeline.
    await loadResource(this.pool, this.store, 'rm_companies', 'company', id, {});
    const [sortOn, position] = decodeCursor(query.cursor, 2) ?? [null, null];
    const { rows } = await this.pool.query<TimelineRow>(TIMELINE_SQL, [company, sortOn, position, query.limit + 1]);
    return toPage(rows, query.limit, (r) => [r.sort_on, r.global_position], ({ sort_on: _key, ...row }) => row);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
