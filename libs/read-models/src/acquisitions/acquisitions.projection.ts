import type { AcquisitionState } from '@newsledger/domain';
import { upsertRowsSql } from '../projection/upsert-rows.js';
import { foldingProjection } from '../projection/projection.js';

const UPSERT_ACQUISITIONS = upsertRowsSql('rm_acquisitions', { status: 'text', acquirer: 'text', target: 'text', jurisdictions: 'text[]' });

export const acquisitionsProjection = foldingProjection<AcquisitionState>('rm_acquisitions', 'acquisition', async (client, states) => {
  const rows = states.map((state) => ({
    subject: state.subject,
    status: state.status,
    acquirer: state.acquirer?.company_id ?? null,
    target: state.target?.company_id ?? null,
    jurisdictions: [...new Set(state.reviews.flatMap((r) => (r.jurisdiction ? [r.jurisdiction] : [])))],
    state,
  }));
  await client.query(UPSERT_ACQUISITIONS, [JSON.stringify(rows)]);
});
