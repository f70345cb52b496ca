import { authorityCodeOf, type RuleState } from '@newsledger/domain';
import { foldingProjection } from '../projection/projection.js';
import { storedRows, type RowShape } from '../projection/row-shape.js';
import { upsertParams, upsertRowsSql } from '../projection/upsert-rows.js';

export const RULE_ROWS: RowShape<RuleState> = {
  table: 'rm_rules',
  columns: { status: 'text', authority: 'text', destinations: 'text[]' },
  rowOf: (state) => ({
    subject: state.subject,
    status: state.status,
    authority: authorityCodeOf(state.authority),
    destinations: state.destinations,
    state,
  }),
};

const UPSERT_RULES = upsertRowsSql(RULE_ROWS.table, RULE_ROWS.columns);

export const rulesProjection = foldingProjection<RuleState>('rm_rules', 'rule', async (client, states) => {
  await client.query(UPSERT_RULES, upsertParams(storedRows(RULE_ROWS, states)));
});
