import { companyIdOf, type AcquisitionState } from '@newsledger/domain';
import { foldingProjection } from '../projection/projection.js';
import { storedRows, type RowShape } from '../projection/row-shape.js';
import { upsertParams, upsertRowsSql } from '../projection/upsert-rows.js';

export const ACQUISITION_ROWS: RowShape<AcquisitionState> = {
  table: 'rm_acquisitions',
  columns: { status: 'text', acquirer: 'text', target: 'text', jurisdictions: 'text[]' },
  rowOf: (state) => ({
    subject: state.subject,
    status: state.status,
    acquirer: companyIdOf(state.acquirer),
    target: companyIdOf(state.target),
    jurisdictions: [...new Set(state.reviews.flatMap((r) => (r.jurisdiction ? [r.jurisdiction] : [])))],
    state,
  }),
};

const UPSERT_ACQUISITIONS = upsertRowsSql(ACQUISITION_ROWS.table, ACQUISITION_ROWS.columns);

export const acquisitionsProjection = foldingProjection<AcquisitionState>('rm_acquisitions', 'acquisition', async (client, states) => {
  await client.query(UPSERT_ACQUISITIONS, upsertParams(storedRows(ACQUISITION_ROWS, states)));
});
