import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { ProposalResult } from './envelope.types.js';
import { parseProposal } from './parse-proposal.js';

const ID = '00000000-0000-4000-8000-000000000000';
const seed: Record<string, unknown>[] = readFileSync(new URL('../../../../data/seed-article.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

function pathsOf(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [path];
  return [path, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
}

/** A copy of `value` with the field at `path` replaced (or removed, for undefined). */
function mutate(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...(value as object) };
  const [head, ...rest] = path;
  if (rest.length === 0 && replacement === undefined) delete copy[head];
  else copy[head] = mutate(copy[head], rest, replacement);
  return copy;
}

function wellFormed(result: ProposalResult): void {
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) expect(e.path === '' || e.path.startsWith('/')).toBe(true);
    return;
  }
  const { event } = result;
  expect(event.occurred_on === null).toBe(event.occurred_precision === 'unknown');
  expect(event.companies).toEqual([...new Set(event.companies)].sort());
}

const mutant = fc
  .constantFrom(...seed)
  .chain((line) => fc.tuple(fc.constant(line), fc.constantFrom(...pathsOf(line)), fc.oneof(fc.anything(), fc.constant(undefined))))
  .map(([line, path, replacement]) => mutate(line, path, replacement));

describe('parseProposal on malformed input', () => {
  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => wellFormed(parseProposal(input, () => ID))),
      { numRuns: 500 },
    );
  });

  it('never throws on seed envelopes with one field broken or removed', () => {
    fc.assert(
      fc.property(mutant, (input) => wellFormed(parseProposal(input, () => ID))),
      { numRuns: 1000 },
    );
  });

  it('never throws on envelope-shaped objects of arbitrary fields', () => {
    const keys = fc.constantFrom(
      'type',
      'subject',
      'data',
      'source',
      'occurred_on',
      'occurred_precision',
      'event_id',
      'companies',
      'regions',
      'schema_version',
      'expected_version',
    );
    fc.assert(
      fc.property(fc.dictionary(keys, fc.anything()), (input) => wellFormed(parseProposal(input, () => ID))),
      { numRuns: 500 },
    );
  });

  it('rejects values JSON cannot carry instead of throwing', () => {
    const cyclic: Record<string, unknown> = { ...seed[0] };
    cyclic.data = { ...(seed[0].data as object), self: cyclic };
    expect(parseProposal(cyclic, () => ID)).toEqual({ ok: false, errors: [{ path: '/data/self', message: 'not a JSON value' }] });
    expect(parseProposal({ ...seed[0], data: { fn: () => 1 } }, () => ID)).toMatchObject({ ok: false, errors: [{ path: '/data/fn' }] });
  });
});
