import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDocs, ApiQueries, cursorInteger, cursorText, decodeCursor, pageQuery, RequireScopes, ZodPipe } from '@newsledger/platform';
import type pg from 'pg';
import { z } from 'zod';
import { documentPage } from '../http/json-text.js';
import { PresentationInterceptor } from '../http/presentation.interceptor.js';
import { ProjectionPosition } from '../http/projection-position.interceptor.js';
import { ReadPool } from '../http/read-database.js';
import { subjectFilter } from '../http/subject-id.js';
import { pageSchema } from '../http/resource-docs.js';
import { approvalDocument, namedApprovalDocument, type ApprovalDocument } from './approval-document.js';
import type { ApprovalRow } from './approval-rows.js';

const listQuery = z.strictObject({
  company: subjectFilter('company').optional(),
  side: z.enum(['export', 'import']).optional(),
  status: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional(),
  kind: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional(),
  ...pageQuery,
});

// The company's name is its registered display name, else the name the report used. A row stored before the
// table had documents (until the rebuild the migration queued swaps in) comes whole, to be rendered here.
export const APPROVAL_LIST_SQL = `
  SELECT a.subject, a.side, a.seq, a.doc_head, a.doc_tail, coalesce(c.display_name, a.name_as_reported) AS company_name,
         CASE WHEN a.doc_head IS NULL THEN to_jsonb(a) END AS stored
    FROM rm_chip_approvals a
    LEFT JOIN rm_companies c ON c.subject = a.company
   WHERE ($1::text IS NULL OR a.company = $1)
     AND ($2::text IS NULL OR a.side = $2)
     AND ($3::text IS NULL OR a.status = $3)
     AND ($4::text IS NULL OR a.kind = $4)
     AND ($5::text IS NULL OR (a.subject, a.side, a.seq) > ($5, $6::text, $7::integer))
   ORDER BY a.subject, a.side, a.seq
   LIMIT $8`;

interface ListedApproval extends Partial<ApprovalDocument> {
  subject: string;
  side: string;
  seq: number;
  company_name: string | null;
  stored: ApprovalRow | null;
}

@ApiTags('read')
@ApiBearerAuth()
@RequireScopes('read')
@UseInterceptors(PresentationInterceptor)
@Controller('v1/chip-approvals')
export class ChipApprovalsController {
  /**
   * Every export licence and import approval across corridors, one row each: the company and its
   * name, the products, the authority, the effective confidence of its own event, and who said so
   * (`source`, with `attribution` when the outlet relayed another).
   */
  @Get()
  @ApiQueries(listQuery)
  @ApiDocs({
    summary: 'List licences and import approvals',
    description:
      'Every export licence and import approval across corridors, one row each: the company and its name, the products, the authority, the effective confidence of its own event, and who said so (`source`, with `attribution` when the outlet relayed another).',
    response: {
      status: 200,
      description: 'A page of approvals.',
      schema: pageSchema(z.record(z.string(), z.unknown())),
      example: {
        data: [
          {
            chiptrade: 'chiptrade:nvidia-h200-us-cn',
            side: 'import',
            company: 'company:bytedance',
            company_name: 'ByteDance',
            status: 'approved_conditional',
            kind: 'conditional',
            products: [],
            authority: null,
            quantity: null,
            conditions: [],
            occurred_on: null,
            confidence: 'reported',
            attribution: null,
            source: { publisher: 'Reuters' },
            event_id: '0b6c2d9e-8f1a-4c53-9a57-3f5e2d1c7b10',
          },
        ],
        next_cursor: null,
      },
    },
  })
  @ProjectionPosition('rm_chiptrade', { cachedList: { alsoReads: ['rm_companies'] } })
  async list(@ReadPool() pool: pg.Pool, @Query(new ZodPipe(listQuery)) query: z.output<typeof listQuery>) {
    const [subject, side, seq] = decodeCursor(query.cursor, z.tuple([cursorText, z.enum(['export', 'import']), cursorInteger])) ?? [null, null, null];
    const { rows } = await pool.query<ListedApproval>(APPROVAL_LIST_SQL, [
      query.company ?? null,
      query.side ?? null,
      query.status ?? null,
      query.kind ?? null,
      subject,
      side,
      seq,
      query.limit + 1,
    ]);
    const documentOf = (r: ListedApproval) => namedApprovalDocument(r.stored ? approvalDocument(r.stored) : (r as ApprovalDocument), r.company_name);
    return documentPage(rows, query.limit, documentOf, (r) => [r.subject, r.side, r.seq]);
  }
}
