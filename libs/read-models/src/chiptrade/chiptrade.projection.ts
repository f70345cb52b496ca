import type { ChipTradeState } from '@newsledger/domain';
import type pg from 'pg';
import { foldingProjection, type Projection } from '../projection/projection.js';
import type { RowShape } from '../projection/row-shape.js';
import { upsertRowsSql } from '../projection/upsert-rows.js';
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
};

const UPSERT_CORRIDORS = `${upsertRowsSql(CORRIDOR_ROWS.table, CORRIDOR_ROWS.columns)} RETURNING subject`;

const DELETE_APPROVALS = `DELETE FROM rm_chip_approvals WHERE subject = ANY ($1)`;

const INSERT_APPROVALS = `
  INSERT INTO rm_chip_approvals (subject, side, seq, company, status, kind, quantity, conditions, occurred_on, confidence, event_id)
  SELECT a.subject, a.side, a.seq, a.company, a.status, a.kind, a.quantity, a.conditions, a.occurred_on, a.confidence, a.event_id
    FROM jsonb_to_recordset($1::jsonb) AS a(subject text, side text, seq integer, company text, status text, kind text, quantity bigint,
                                             conditions jsonb, occurred_on date, confidence text, event_id uuid)`;

const corridors = foldingProjection<ChipTradeState>('rm_chiptrade', 'chiptrade', async (client, states) => {
  const { rows: written } = await client.query<{ subject: string }>(UPSERT_CORRIDORS, [JSON.stringify(states.map(CORRIDOR_ROWS.rowOf))]);
  // The guard skipped stale states: their approvals are stale too.
  const fresh = new Set(written.map((r) => r.subject));
  await replaceApprovals(client, states.filter((state) => fresh.has(state.subject)));
});

export const chipTradeProjection: Projection = { ...corridors, tables: ['rm_chiptrade', 'rm_chip_approvals'] };

/** Licences and import approvals, one row each, rewritten whole per corridor: the fold is their only truth. */
async function replaceApprovals(client: pg.PoolClient, states: ChipTradeState[]): Promise<void> {
  if (states.length === 0) return;
  const rows = states.flatMap((state) => [
    ...state.export.licences.map((l, seq) => ({
      subject: state.subject,
      side: 'export',
      seq,
      company: l.licensee?.company_id ?? null,
      status: l.state,
      kind: null,
      quantity: l.quantity,
      conditions: l.conditions,
      occurred_on: l.occurred_on,
      confidence: l.confidence,
      event_id: l.event_id,
    })),
    ...state.import.approvals.map((a, seq) => ({
      subject: state.subject,
      side: 'import',
      seq,
      company: a.importer.company_id,
      status: a.state,
      kind: a.approval_kind,
      quantity: a.quantity,
      conditions: a.conditions,
      occurred_on: a.occurred_on,
      confidence: a.confidence,
      event_id: a.event_id,
    })),
  ]);
  await client.query(DELETE_APPROVALS, [states.map((state) => state.subject)]);
  await client.query(INSERT_APPROVALS, [JSON.stringify(rows)]);
}
