import { companyIdOf, statedEvent, type ChipTradeState } from '@newsledger/domain';
import type pg from 'pg';
import { upsertRowsSql } from '../projection/upsert-rows.js';
import { foldingProjection, type Projection } from '../projection/projection.js';

const UPSERT_CORRIDORS = `${upsertRowsSql('rm_chiptrade', { export: 'jsonb', import: 'jsonb' })} RETURNING subject`;

const DELETE_APPROVALS = `DELETE FROM rm_chip_approvals WHERE subject = ANY ($1)`;

const INSERT_APPROVALS = `
  INSERT INTO rm_chip_approvals (subject, side, seq, company, status, kind, quantity, conditions, occurred_on, confidence, event_id)
  SELECT a.subject, a.side, a.seq, a.company, a.status, a.kind, a.quantity, a.conditions, a.occurred_on, a.confidence, a.event_id
    FROM jsonb_to_recordset($1::jsonb) AS a(subject text, side text, seq integer, company text, status text, kind text, quantity bigint,
                                             conditions jsonb, occurred_on date, confidence text, event_id uuid)`;

const corridors = foldingProjection<ChipTradeState>('rm_chiptrade', 'chiptrade', async (client, states) => {
  const rows = states.map((state) => ({ subject: state.subject, export: state.export, import: state.import, state }));
  const { rows: written } = await client.query<{ subject: string }>(UPSERT_CORRIDORS, [JSON.stringify(rows)]);
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
      company: companyIdOf(l.licensee),
      status: l.state,
      kind: null,
      quantity: l.quantity,
      conditions: l.conditions,
      occurred_on: l.occurred_on?.date ?? null,
      confidence: l.confidence,
      event_id: statedEvent(state.provenance, `export.licences.${seq}`),
    })),
    ...state.import.approvals.map((a, seq) => ({
      subject: state.subject,
      side: 'import',
      seq,
      company: companyIdOf(a.importer),
      status: a.state,
      kind: a.approval_kind,
      quantity: a.quantity,
      conditions: a.conditions,
      occurred_on: a.occurred_on?.date ?? null,
      confidence: a.confidence,
      event_id: statedEvent(state.provenance, `import.approvals.${seq}`),
    })),
  ]);
  await client.query(DELETE_APPROVALS, [states.map((state) => state.subject)]);
  await client.query(INSERT_APPROVALS, [JSON.stringify(rows)]);
}
