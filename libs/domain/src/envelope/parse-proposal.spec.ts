import { describe, expect, it } from '@jest/globals';
import { parseProposal } from './parse-proposal.js';

const ID = '0b6c2d9e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const newId = () => ID;
const envelope = (overrides: Record<string, unknown> = {}) => ({
  type: 'acquisition.review_opened',
  subject: 'acquisition:meta-manus-2025',
  expected_version: 1,
  occurred_on: null,
  occurred_precision: 'unknown',
  data: { review_id: 'cn-1', jurisdiction: 'CN', regime: 'unspecified' },
  source: {
    source_id: 'src:cnn-2026-02-11',
    publisher: 'CNN',
    url: 'https://edition.cnn.com/2026/02/11/tech/china-ai',
    author: 'John Liu',
    genre: 'analysis',
    published_at: '2026-02-11',
    language: 'fr',
    confidence: 'reported',
  },
  ...overrides,
});
const errorsOf = (input: unknown) => {
  const result = parseProposal(input, newId);
  return result.ok ? [] : result.errors;
};

describe('parseProposal', () => {
  it('normalises a valid envelope, filling the event id and the defaults', () => {
    expect(parseProposal(envelope(), newId)).toEqual({
      ok: true,
      expected_version: 1,
      warnings: [],
      event: expect.objectContaining({
        event_id: ID,
        companies: [],
        regions: [],
        correlation_id: null,
        recorded_at: null,
        schema_version: 1,
      }),
    });
  });

  it('lists every malformed named field by path', () => {
    const errors = errorsOf(
      envelope({
        subject: 'acquisition:Meta Manus',
        data: { review_id: 'cn-1', jurisdiction: 'China', authority: { code: 'samr' } },
        source: { source_id: 'x', publisher: 'CNN', confidence: 'sure' },
      }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(['/data/authority/code', '/data/jurisdiction', '/source/confidence', '/subject']);
  });

  it('checks valid time: precision unknown exactly when undated, meta-events undated', () => {
    expect(errorsOf(envelope({ occurred_on: '2026-01-01' }))).toEqual([{ path: '/occurred_precision', message: expect.any(String) }]);
    expect(errorsOf(envelope({ occurred_on: '2026-02-30', occurred_precision: 'day' })).map((e) => e.path)).toEqual(['/occurred_on']);
    expect(errorsOf(envelope({ occurred_on: undefined })).map((e) => e.path)).toEqual(['/occurred_on']);
    const meta = {
      type: 'fact.retracted',
      data: { target_event_id: ID, reason: 'duplicate' },
      occurred_on: '2026-01-01',
      occurred_precision: 'day',
    };
    expect(errorsOf(envelope(meta))).toEqual([{ path: '/occurred_on', message: 'meta-events have occurred_on null' }]);
  });

  it('keeps unnamed data and source fields verbatim, with warnings; ignores unknown envelope fields', () => {
    const result = parseProposal(
      envelope({
        data: { review_id: 'cn-1', jurisdiction: 'CN', trigger_note: 'could be cancelled', authority: { code: null, city: 'Beijing' } },
        source: { ...envelope().source, mood: 'grim' },
        colour: 'red',
      }),
      newId,
    );
    expect(result.ok && result.warnings.map((w) => w.path)).toEqual([
      '/source/mood',
      '/colour',
      '/data/authority/city',
      '/data/trigger_note',
    ]);
    expect(result.ok && result.event.data).toMatchObject({ trigger_note: 'could be cancelled', authority: { city: 'Beijing' } });
    expect(result.ok && result.event.source).toMatchObject({ mood: 'grim' });
    expect(result.ok && 'colour' in result.event).toBe(false);
  });

  it('adds every company named in data (and the company subject) to companies', () => {
    const result = parseProposal(
      envelope({
        type: 'company.key_person_hired',
        subject: 'company:tencent',
        companies: ['company:nvidia', 'company:tencent'],
        data: {
          person: { name: 'Yao Shunyu' },
          role: 'chief AI scientist',
          previous_employer: { company_id: 'company:openai', name_as_reported: 'OpenAI' },
          extra: [{ company_id: 'company:zz' }],
        },
      }),
      newId,
    );
    expect(result.ok && result.event.companies).toEqual(['company:nvidia', 'company:openai', 'company:tencent', 'company:zz']);
  });

  it('lets an unknown type through (checkAppend answers it with 422), data unchecked', () => {
    const result = parseProposal(envelope({ type: 'acquisition.merged_somehow', data: { anything: 1 } }), newId);
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it('refuses a schema version newer than the type has, and non-objects', () => {
    expect(errorsOf(envelope({ schema_version: 2 })).map((e) => e.path)).toEqual(['/schema_version']);
    expect(errorsOf(null)).toEqual([{ path: '', message: expect.any(String) }]);
    expect(errorsOf(envelope({ data: [] })).map((e) => e.path)).toEqual(['/data']);
  });

  it('validates meta-event patches to the patchable paths', () => {
    const correction = (patch: unknown) => envelope({ type: 'fact.corrected', data: { target_event_id: ID, kind: 'refinement', patch } });
    expect(errorsOf(correction([{ op: 'replace', path: '/occurred_on', value: '2026-01-05' }]))).toEqual([]);
    expect(errorsOf(correction([{ op: 'replace', path: '/type', value: 'x' }])).map((e) => e.path)).toEqual(['/data/patch/0/path']);
    expect(errorsOf(correction([{ op: 'add', path: '/data/x' }])).map((e) => e.path)).toEqual(['/data/patch/0/value']);
  });
});
