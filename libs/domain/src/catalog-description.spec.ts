import { describe, expect, it } from '@jest/globals';
import { describeCatalog, RULE_TABLES } from './catalog-description.js';
import { EVENT_TYPES } from './catalog.js';

// Reports that any state accepts: signals, and the import side's restriction signals and status reports.
const FREE_REPORTS = /^signal\.|^chiptrade\.import_(restriction_signalled|status_reported)$/;

describe('the catalog as clients read it', () => {
  const { types, envelope_rules } = describeCatalog();

  it('describes every type once, with its aggregate and the JSON Schema of its data', () => {
    expect(types.map((t) => t.type)).toEqual(EVENT_TYPES);
    for (const entry of types) {
      expect(entry.aggregate).toBe(entry.type.startsWith('fact.') ? 'meta' : entry.type.split('.')[0]);
      expect(entry.data_schema).toMatchObject({ type: 'object' });
    }
    expect(envelope_rules.length).toBeGreaterThan(0);
  });

  it('gives each rule as one sentence with the code a 409 names, and every lifecycle type has one', () => {
    for (const { type, rules } of types) {
      for (const rule of rules) {
        expect(rule.code).toMatch(/^[a-z]+\.[a-z_]+$/);
        expect(rule.sentence).toMatch(/^[A-Z`].*\.$/);
      }
      if (!FREE_REPORTS.test(type)) expect({ type, rules: rules.length > 0 }).toEqual({ type, rules: true });
    }
    expect(types.find((t) => t.type === 'listing.delisted')?.rules.map((r) => r.code)).toEqual(['listing.closed', 'listing.not_trading']);
  });

  it('names only types the catalog knows in its rule tables', () => {
    // A misspelt type in a table would silently drop the rule from the catalog.
    const named = Object.values(RULE_TABLES).flatMap((rules) => rules.flatMap((rule) => (rule.types === '*' ? [] : rule.types)));
    expect(named.filter((type) => !EVENT_TYPES.includes(type))).toEqual([]);
  });
});
