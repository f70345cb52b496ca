import { authorityCodeOf, type RuleState } from '@newsledger/domain';
import { upsertRowsSql } from '../projection/upsert-rows.js';
import { foldingProjection } from '../projection/projection.js';

const UPSERT_RULES = upsertRowsSql('rm_rules', { status: 'text', authority: 'text', destinations: 'text[]' });

export const rulesProjection = foldingProjection<RuleState>('rm_rules', 'rule', async (client, states) => {
  const rows = states.map((state) => ({
    subject: state.subject,
    status: state.status,
    authority: authorityCodeOf(state.authority),
    destinations: state.destinations,
    state,
  }));
  await client.query(UPSERT_RULES, [JSON.stringify(rows)]);
});
