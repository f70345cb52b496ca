import { z } from 'zod';
import { ACQUISITION_RULES } from './acquisition/acquisition.rules.js';
import { aggregateOf, dataSchemaFor, EVENT_TYPES } from './catalog.js';
import { CHIPTRADE_RULES } from './chiptrade/chiptrade.rules.js';
import { COMPANY_RULES } from './company/company.rules.js';
import { ENVELOPE_RULES } from './envelope/envelope.rules.js';
import { LISTING_RULES } from './listing/listing.rules.js';
import { META_RULES } from './meta/meta.rules.js';
import { RULE_RULES } from './rule/rule.rules.js';
import type { RuleSentence } from './stream/rule-sentences.js';

/** Each aggregate's rules as its decide checks them; signals are facts without a lifecycle, so they have none. */
export const RULE_TABLES: Record<string, readonly RuleSentence[]> = {
  company: COMPANY_RULES,
  listing: LISTING_RULES,
  acquisition: ACQUISITION_RULES,
  chiptrade: CHIPTRADE_RULES,
  rule: RULE_RULES,
  signal: [],
  fact: META_RULES,
};

export interface CatalogEntry {
  type: string;
  /** The aggregate whose streams take it; `meta` for `fact.*`, which apply to any stream. */
  aggregate: string;
  /** JSON Schema (2020-12) of its `data`, as the catalog validates it. */
  data_schema: Record<string, unknown>;
  /** Its own rules, a sentence each, with the rule code a 409 problem names (`listing.not_trading`). */
  rules: { code: string; sentence: string }[];
}

function rulesOf(type: string, family: string): CatalogEntry['rules'] {
  return (RULE_TABLES[family] ?? [])
    .filter((rule) => rule.types === '*' || rule.types.includes(type))
    .map((rule) => ({ code: `${family}.${rule.code}`, sentence: rule.sentence }));
}

/** The catalog as clients read it (GET /v1/catalog): every type, its aggregate, its data's JSON Schema and its rules. */
export function describeCatalog(): { envelope_rules: readonly string[]; types: CatalogEntry[] } {
  const types = EVENT_TYPES.map((type) => {
    const family = type.slice(0, type.indexOf('.'));
    const { $schema: _dialect, ...dataSchema } = z.toJSONSchema(dataSchemaFor(type)!, { io: 'input', unrepresentable: 'any' });
    return { type, aggregate: aggregateOf(type) ?? 'meta', data_schema: dataSchema, rules: rulesOf(type, family) };
  });
  return { envelope_rules: ENVELOPE_RULES, types };
}
