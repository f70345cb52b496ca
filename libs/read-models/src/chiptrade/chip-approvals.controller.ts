import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PG_POOL, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { ApiQueries } from '../http/api-queries.decorator.js';
import { decodeCursor, pageQuery, toPage } from '../http/page.js';
import { PresentationInterceptor } from '../http/presentation.interceptor.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { subjectFilter } from '../http/subject-id.js';

const listQuery = z.strictObject({
  company: subjectFilter('company').optional(),
  side: z.enum(['export', 'import']).optional(),
  status: z.string().regex(/^[a-z_]+$/).optional(),
  kind: z.string().regex(/^[a-z_]+$/).optional(),
  ...pageQuery,
});

interface ApprovalRow {
  subject: string;
  side: string;
  seq: number;
  company: string | null;
  status: string;
  kind: string | null;
  quantity: number | null;
  conditions: unknown[];
  occurred_on: string | null;
  confidence: string;
  event_id: string;
}

const LIST_SQL = `
  SELECT subject, side, seq, company, status, kind, quantity, conditions, occurred_on, confidence, event_id
    FROM rm_chip_approvals
   WHERE ($1::text IS NULL OR company = $1)
     AND ($2::text IS NULL OR side = $2)
     AND ($3::text IS NULL OR status = $3)
     AND ($4::text IS NULL OR kind = $4)
     AND ($5::text IS NULL OR (subject, side, seq) > ($5, $6::text, $7::integer))
   ORDER BY subject, side, seq
   LIMIT $8`;

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@UseInterceptors(PresentationInterceptor)
@Controller('v1/chip-approvals')
export class ChipApprovalsController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** Every export licence and import approval across corridors, one row each, with the confidence of its own event. */
  @Get()
  @ApiQueries(listQuery)
  @ProjectionPosition('rm_chiptrade')
  async list(@Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [subject, side, seq] = decodeCursor(query.cursor, 3) ?? [null, null, null];
    const { rows } = await this.pool.query<ApprovalRow>(LIST_SQL, [
      query.company ?? null,
      query.side ?? null,
      query.status ?? null,
      query.kind ?? null,
      subject,
      side,
      seq,
      query.limit + 1,
    ]);
    return toPage(rows, query.limit, (r) => [r.subject, r.side, r.seq], ({ seq: _seq, subject: chiptrade, ...row }) => ({ chiptrade, ...row }));
  }
}
