import type { ChipTradeState } from '@newsledger/domain';
import { jsonbArrayParam } from '../projection/json-params.js';
import { foldingProjection, type Projection } from '../projection/projection.js';
import { storedRows, type RowShape } from '../projection/row-shape.js';
import { upsertParams, upsertRowsSql } from '../projection/upsert-rows.js';
import { toResource } from '../http/resource.js';
import { approvalDocument } from './approval-document.js';
import { approvalRows } from './approval-rows.js';
import { withAttributions } from './attributions.js';
import { corridorDestination, corridorProducts } from './corridor-products.js';

export const CORRIDOR_ROWS: RowShape<ChipTradeState> = {
  table: 'rm_chiptrade',
  columns: { export: 'jsonb', import: 'jsonb', destination: 'text', products: 'jsonb' },
  rowOf: (state) => ({
    subject: state.subject,
    export: state.export,
    import: state.import,
    destination: corridorDestination(state.subject),
    products: corridorProducts(state),
    state,
  }),
  resource: (state) => withAttributions(toResource(state)),
};

const UPSERT_CORRIDORS = `${upsertRowsSql(CORRIDOR_ROWS.table, CORRIDOR_ROWS.columns)} RETURNING subject`;

const DELETE_APPROVALS = `DELETE FROM rm_chip_approvals WHERE subject = ANY ($1)`;

const INSERT_APPROVALS = `
  INSERT INTO rm_chip_approvals (subject, side, seq, company, name_as_reported, status, kind, authority, products, quantity, conditions,
                                 occurred_on, confidence, event_id, source, doc_head, doc_tail)
  SELECT a.subject, a.side, a.seq, a.company, a.name_as_reported, a.status, a.kind, a.authority, a.products, a.quantity, a.conditions,
         a.occurred_on, a.confidence, a.event_id, a.source, a.doc_head, a.doc_tail
    FROM jsonb_to_recordset($1::jsonb) AS a(subject text, side text, seq integer, company text, name_as_reported text, status text, kind text,
                                             authority jsonb, products jsonb, quantity bigint, conditions jsonb, occurred_on jsonb,
                                             confidence text, event_id uuid, source jsonb, doc_head text, doc_tail text)`;

const corridors = foldingProjection<ChipTradeState>('rm_chiptrade', 'chiptrade', async (client, states, streams) => {
  const { rows } = await client.query<{ subject: string }>(UPSERT_CORRIDORS, upsertParams(storedRows(CORRIDOR_ROWS, states)));
  // The guard skipped stale states: their approvals are stale too. Each corridor's rows are rewritten whole: the fold is their only truth.
  const written = new Set(rows.map((row) => row.subject));
  const fresh = states.filter((state) => written.has(state.subject));
  if (fresh.length === 0) return;
  await client.query(DELETE_APPROVALS, [fresh.map((state) => state.subject)]);
  const approvals = fresh.flatMap((state) => approvalRows(state, streams.get(state.subject)!));
  await client.query(INSERT_APPROVALS, [jsonbArrayParam(approvals.map((row) => ({ ...row, ...approvalDocument(row) })))]);
});

export const chipTradeProjection: Projection = { ...corridors, tables: ['rm_chiptrade', 'rm_chip_approvals'] };
