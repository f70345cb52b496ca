import type { AggregateState } from '@newsledger/domain';
import type pg from 'pg';
import { ACQUISITION_FILTERS } from '../../libs/read-models/src/acquisitions/acquisitions.controller.js';
import { ACQUISITION_ROWS } from '../../libs/read-models/src/acquisitions/acquisitions.projection.js';
import { APPROVAL_LIST_SQL } from '../../libs/read-models/src/chiptrade/chip-approvals.controller.js';
import { CORRIDOR_FILTERS } from '../../libs/read-models/src/chiptrade/chiptrade.controller.js';
import { CORRIDOR_ROWS } from '../../libs/read-models/src/chiptrade/chiptrade.projection.js';
import { COMPANY_LIST_SQL } from '../../libs/read-models/src/companies/companies.controller.js';
import { nameProbes } from '../../libs/read-models/src/companies/name-search.js';
import { livePageSql, type ListFilter } from '../../libs/read-models/src/http/list-page.js';
import { LISTING_FILTERS } from '../../libs/read-models/src/listings/listings.controller.js';
import { LISTING_ROWS } from '../../libs/read-models/src/listings/listings.projection.js';
import { RULE_FILTERS } from '../../libs/read-models/src/rules/rules.controller.js';
import { RULE_ROWS } from '../../libs/read-models/src/rules/rules.projection.js';

const PAGE = 51;
const zhipu = nameProbes('zhipu')[0];

// Each list filter on its own, with the statement and parameters its controller sends for a first page.
const live = <S extends AggregateState>(filter: ListFilter<S>) => ({ sql: livePageSql(filter), params: [...filter.params, null, PAGE] });
const companies = (probe: string[] | null, pattern: string | null, country: string | null, unresolved: boolean | null) => ({
  sql: COMPANY_LIST_SQL,
  params: [probe, pattern, null, null, country, unresolved, null, PAGE],
});
const approvals = (company: string | null, side: string | null, status: string | null, kind: string | null) => ({
  sql: APPROVAL_LIST_SQL,
  params: [company, side, status, kind, null, null, null, PAGE],
});
const PLANS = {
  '/v1/companies': companies(null, null, null, null),
  '/v1/companies?q=zhipu': companies(zhipu.grams, zhipu.pattern, null, null),
  '/v1/companies?country=CN': companies(null, null, 'CN', null),
  '/v1/companies?unresolved=true': companies(null, null, null, true),
  '/v1/listings?company=company:zhipu': live({ shape: LISTING_ROWS, where: LISTING_FILTERS, params: ['company:zhipu', null, null, null, null] }),
  '/v1/listings?venue=XHKG': live({ shape: LISTING_ROWS, where: LISTING_FILTERS, params: [null, 'XHKG', null, null, null] }),
  '/v1/listings?status=withdrawn': live({ shape: LISTING_ROWS, where: LISTING_FILTERS, params: [null, null, 'withdrawn', null, null] }),
  '/v1/listings?from=2026-01-01&to=2026-01-31': live({ shape: LISTING_ROWS, where: LISTING_FILTERS, params: [null, null, null, '2026-01-01', '2026-01-31'] }),
  '/v1/acquisitions?status=under_review': live({ shape: ACQUISITION_ROWS, where: ACQUISITION_FILTERS, params: ['under_review', null, null, null] }),
  '/v1/acquisitions?jurisdiction=US': live({ shape: ACQUISITION_ROWS, where: ACQUISITION_FILTERS, params: [null, 'US', null, null] }),
  '/v1/acquisitions?authority=US-CFIUS': live({ shape: ACQUISITION_ROWS, where: ACQUISITION_FILTERS, params: [null, null, 'US-CFIUS', null] }),
  '/v1/acquisitions?company=company:meta': live({ shape: ACQUISITION_ROWS, where: ACQUISITION_FILTERS, params: [null, null, null, 'company:meta'] }),
  '/v1/chiptrade': live({ shape: CORRIDOR_ROWS, where: CORRIDOR_FILTERS, params: [null, null, null] }),
  '/v1/chiptrade?destination=AE': live({ shape: CORRIDOR_ROWS, where: CORRIDOR_FILTERS, params: [null, null, 'AE'] }),
  '/v1/chip-approvals?side=import': approvals(null, 'import', null, null),
  '/v1/chip-approvals?company=company:tencent': approvals('company:tencent', null, null, null),
  '/v1/chip-approvals?status=denied': approvals(null, null, 'denied', null),
  '/v1/chip-approvals?kind=conditional': approvals(null, null, null, 'conditional'),
  '/v1/rules?destination=CN': live({ shape: RULE_ROWS, where: RULE_FILTERS, params: [null, null, 'CN'] }),
  '/v1/rules?status=rescinded': live({ shape: RULE_ROWS, where: RULE_FILTERS, params: ['rescinded', null, null] }),
  '/v1/rules?authority=US-BIS': live({ shape: RULE_ROWS, where: RULE_FILTERS, params: [null, 'US-BIS', null] }),
};

/** The plan PostgreSQL picks for the first page of each list filter (EXPLAIN ANALYZE), for docs/capacity.md. */
export async function printListPlans(pool: pg.Pool): Promise<void> {
  await pool.query('ANALYZE');
  for (const [path, { sql, params }] of Object.entries(PLANS)) {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${sql}`, params);
    process.stderr.write(`\n${path}\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}\n`);
  }
}
