import { companyIdOf, type AcquisitionState } from '@newsledger/domain';
import { upsertRowsSql } from '../projection/upsert-rows.js';
import { foldingProjection } from '../projection/projection.js';

const UPSERT_ACQUISITIONS = upsertRowsSql('rm_acquisitions', { status: 'text', acquirer: 'text', target: 'text', jurisdictions: 'text[]' });

export const acquisitionsProjection = foldingProjection<AcquisitionState>('rm_acquisitions', 'acquisition', async (client, states) => {
  const rows = states.map((state) => ({
    subject: state.subject,
    status: state.status,
    acquirer: companyIdOf(state.acquirer),
    target: companyIdOf(state.target),
    jurisdictions: [...new Set(state.reviews.flatMap((r) => (r.jurisdiction ? [r.jurisdiction] : [])))],
    state,
  }));
  await client.query(UPSERT_ACQUISITIONS, [JSON.stringify(rows)]);
});
