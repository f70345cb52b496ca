import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { z } from 'zod';
import { canonicalJson } from '../canonical-json.js';
import { dataSchemaFor } from '../catalog.js';
import { checkAppend } from '../check-append.js';
import { parseProposal } from '../envelope/parse-proposal.js';
import { foldSubject } from '../fold-subject.js';
import { event, recordedAt, stored } from '../testing/events.js';
import { FACT_TYPES, MINIMAL, subjectOfType } from '../testing/minimal-events.js';
import { VALUE_TYPES } from '../testing/value-arbitraries.js';
import { arrayItem, unwrapOptional } from './unwrap.js';

// The catalog names fields; the world decides their shapes. For every field of every type whose
// schema is a value type (or a list of one), any value of that type is accepted, stored unchanged, and
// found unchanged in the folded state.

interface Use {
  type: string;
  field: string;
  valueType: string;
  arbitrary: fc.Arbitrary<unknown>;
}

function valueTypeOf(schema: z.ZodType) {
  return VALUE_TYPES.find((v) => v.schemas.includes(unwrapOptional(schema)));
}

const USES: Use[] = FACT_TYPES.flatMap((type) =>
  Object.entries((dataSchemaFor(type) as z.ZodObject).shape).flatMap(([field, schema]): Use[] => {
    const direct = valueTypeOf(schema);
    if (direct) return [{ type, field, valueType: direct.name, arbitrary: direct.arbitrary }];
    const item = arrayItem(schema);
    const listed = item && valueTypeOf(item);
    return listed ? [{ type, field, valueType: `${listed.name}[]`, arbitrary: fc.array(listed.arbitrary, { maxLength: 3 }) }] : [];
  }),
);

/** Whether `needle` sits somewhere in the state's facts (bookkeeping aside), as the same JSON. */
function holds(haystack: unknown, needle: unknown): boolean {
  if (canonicalJson(haystack) === canonicalJson(needle)) return true;
  if (haystack === null || typeof haystack !== 'object') return false;
  return Object.entries(haystack).some(([key, value]) => key !== 'provenance' && key !== 'sources' && holds(value, needle));
}

let ids = 0;

function roundTrip({ type, field }: Use, value: unknown): void {
  const subject = subjectOfType(type);
  const { data, before } = MINIMAL[type];
  const proposal = { ...data, [field]: value };
  const history = stored(before(proposal).map((step, i) => event(step.type, subject, step.data, { on: `2026-01-0${i + 1}`, id: `e${i}` })));
  const result = parseProposal(
    {
      type,
      subject,
      data: proposal,
      occurred_on: '2026-01-15',
      occurred_precision: 'day',
      source: { source_id: 'src:property', publisher: 'Property Wire', confidence: 'reported' },
    },
    () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  );
  if (!result.ok) throw new Error(`${type}.${field} refused ${JSON.stringify(value)}: ${JSON.stringify(result.errors)}`);
  expect(result.event.data[field]).toEqual(value);
  const now = recordedAt(history.length);
  checkAppend(subject, history, [result.event], now);
  const log = [...history, ...stored([result.event], history.length, now)];
  expect(log.at(-1)?.data[field]).toEqual(value);
  const state = foldSubject(subject, log);
  if (!holds(state, value))
    throw new Error(`${type}.${field}: ${JSON.stringify(value)} is not in the folded state ${JSON.stringify(state)}`);
}

describe('value types in every field that uses them', () => {
  it('finds the value types across the catalog, each used by some field', () => {
    expect(USES.length).toBeGreaterThan(60);
    const used = new Set(USES.map((u) => u.valueType.replace(/\[\]$/, '')));
    expect(VALUE_TYPES.map((v) => v.name).filter((name) => !used.has(name))).toEqual([]);
    expect(FACT_TYPES.filter((type) => !(type in MINIMAL))).toEqual([]);
  });

  it.each(USES.map((use) => [`${use.type}.${use.field} (${use.valueType})`, use] as const))(
    '%s: any value is accepted and kept',
    (_name, use) => {
      fc.assert(
        fc.property(use.arbitrary, (value) => roundTrip(use, value)),
        { numRuns: 25 },
      );
    },
  );
});
