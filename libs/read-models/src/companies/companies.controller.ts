import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { foldSubject } from '@newsledger/domain';
import { EventStore } from '@newsledger/event-store';
import { ApiDocs, ApiQueries, cursorText, decodeCursor, pageQuery, problems, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { regionFilter } from '../http/filters.js';
import { PresentationInterceptor } from '../http/presentation.interceptor.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { ReadPool } from '../http/read-database.js';
import { documentPage } from '../http/json-text.js';
import { loadResource, rowDocument, toResource, type ListedRow } from '../http/resource.js';
import { subjectFromPath } from '../http/subject-id.js';
import { askedTimes, isNow, timeQuery, type TimeQuery } from '../http/time-query.js';
import { factsAt, timelinePage, timelineQuery } from '../timeline/timeline.query.js';
import { nameProbes } from './name-search.js';
import { COMPANY_EXAMPLE, companyResource, pageSchema } from '../http/resource-docs.js';

const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  country: regionFilter.optional(),
  unresolved: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuery,
});

// A query is found through the name-gram index (every gram of the query among the row's), then
// confirmed by the LIKE on the compact names; up to two probes: as typed, and without "Inc", "AI"….
export const COMPANY_LIST_SQL = `
  SELECT subject, doc, CASE WHEN doc IS NULL THEN state END AS state FROM rm_companies
   WHERE ($1::text[] IS NULL OR (search_grams @> $1 AND search_compact LIKE $2)
                             OR ($3::text[] IS NOT NULL AND search_grams @> $3 AND search_compact LIKE $4))
     AND ($5::text IS NULL OR country = $5)
     AND ($6::boolean IS NULL OR registered = NOT $6)
     AND ($7::text IS NULL OR subject > $7)
   ORDER BY subject
   LIMIT $8`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@UseInterceptors(PresentationInterceptor)
@Controller('v1/companies')
export class CompaniesController {
  constructor(private readonly store: EventStore) {}

  /**
   * `q` matches names and aliases in any script, ignoring case, diacritics, spaces and dots (`z.ai`,
   * `zai`, `Zhipu AI`, `智谱`); `unresolved=true`: referenced, never registered.
   */
  @Get()
  @ApiQueries(listQuery)
  @ApiDocs({
    summary: 'Find companies',
    description:
      '`q` matches names and aliases in any script, ignoring case, diacritics, spaces and dots (`z.ai`, `zai`, `Zhipu AI`, `智谱` ' +
      'find the same company); `country` filters by registered country; `unresolved=true` lists companies events referenced but never registered.',
    response: {
      status: 200,
      description: 'A page of companies, by id.',
      schema: pageSchema(companyResource),
      example: { data: [COMPANY_EXAMPLE], next_cursor: null },
    },
  })
  @ProjectionPosition('rm_companies', { cachedList: {} })
  async list(@ReadPool() pool: pg.Pool, @Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [after] = decodeCursor(query.cursor, z.tuple([cursorText])) ?? [null];
    const probes = query.q === undefined ? [] : nameProbes(query.q);
    if (query.q !== undefined && probes.length === 0) return { data: [], next_cursor: null };
    const [first, second] = probes;
    const { rows } = await pool.query<ListedRow>(COMPANY_LIST_SQL, [
      first?.grams ?? null,
      first?.pattern ?? null,
      second?.grams ?? null,
      second?.pattern ?? null,
      query.country ?? null,
      query.unresolved ?? null,
      after,
      query.limit + 1,
    ]);
    return documentPage(rows, query.limit, (r) => rowDocument(r), (r) => [r.subject]);
  }

  @Get(':id')
  @ApiQueries(timeQuery)
  @ApiDocs({
    summary: 'One company',
    description:
      'Names and aliases, identifiers, country and relocations, key people; at a past point with `as_of`/`valid_at`. A company only referenced by events exists from the first event naming it.',
    response: { status: 200, description: 'The company.', schema: companyResource, example: COMPANY_EXAMPLE },
  })
  @ProjectionPosition('rm_companies')
  async get(@ReadPool() pool: pg.Pool, @Param('id') id: string, @Query(new ZodPipe(timeQuery)) time: TimeQuery) {
    try {
      return await loadResource(pool, this.store, 'rm_companies', 'company', id, time);
    } catch (error) {
      // A company only referenced has no stream of its own: it existed once an event named it.
      const company = subjectFromPath('company', id);
      if (isNow(time) || (await factsAt(this.store, company, time)).length === 0) throw error;
      return { ...toResource(foldSubject(company, [])), ...askedTimes(time) };
    }
  }

  /** Every counted fact naming the company, newest first by valid time, with its source and effective confidence; at a past point with `as_of`/`valid_at`. */
  @Get(':id/timeline')
  @ApiQueries(timelineQuery)
  @ApiDocs({
    summary: "A company's timeline",
    description:
      'Every counted fact naming the company, newest first by valid time, each with its source and effective confidence; at a past point with `as_of`/`valid_at`.',
    response: {
      status: 200,
      description: 'A page of timeline entries.',
      schema: pageSchema(z.record(z.string(), z.unknown())),
      example: {
        data: [
          {
            event_id: '0b6c2d9e-8f1a-4c53-9a57-3f5e2d1c7b10',
            type: 'acquisition.review_opened',
            subject: 'acquisition:meta-manus-2025',
            occurred_on: null,
            confidence: 'reported',
            source: { publisher: 'CNN' },
          },
        ],
        next_cursor: null,
      },
    },
  })
  @ProjectionPosition('rm_timeline')
  async timeline(@ReadPool() pool: pg.Pool, @Param('id') id: string, @Query(new ZodPipe(timelineQuery)) query: z.output<typeof timelineQuery>) {
    const company = subjectFromPath('company', id);
    // An unknown company is a 404, not an empty timeline.
    await loadResource(pool, this.store, 'rm_companies', 'company', id, {});
    const page = await timelinePage(pool, this.store, company, query);
    if (page === null) throw problems.notFound(`No company ${id} at that point: nothing named it yet.`);
    return { ...page, ...askedTimes(query) };
  }
}
