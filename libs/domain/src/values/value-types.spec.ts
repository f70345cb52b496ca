import { describe, expect, it } from '@jest/globals';
import { parseProposal } from '../envelope/parse-proposal.js';
import type { ProposalResult } from '../envelope/envelope.types.js';

const ID = '0b6c2d9e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const source = { source_id: 'src:wire', publisher: 'Wire', confidence: 'reported', published_at: '2026-02-11' };
const proposal = (type: string, subject: string, data: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  parseProposal({ type, subject, data, source, occurred_on: '2026-01-15', occurred_precision: 'day', ...more }, () => ID);
const listing = (data: Record<string, unknown>, more?: Record<string, unknown>) =>
  proposal('listing.priced', 'listing:zhipu-xhkg-2026', data, more);
const review = (data: Record<string, unknown>) =>
  proposal('acquisition.review_opened', 'acquisition:meta-manus-2025', { review_id: 'cn-1', jurisdiction: 'CN', ...data });
const errors = (result: ProposalResult) => (result.ok ? [] : result.errors);
const warnings = (result: ProposalResult) => (result.ok ? result.warnings : []);

describe('dates are bounded to the years 1900–2200', () => {
  it('refuses a recorded_at of year 1, whatever its offset, and one that the offset moves out of range', () => {
    for (const recorded_at of [
      '0001-01-01T00:00:00+01:00',
      '1900-01-01T00:30:00+01:00',
      '2200-12-31T23:30:00-01:00',
      '2201-01-01T00:00:00Z',
    ])
      expect(errors(listing({}, { recorded_at }))).toEqual([{ path: '/recorded_at', message: 'must lie in the years 1900–2200' }]);
  });

  it('reads offsets as the same instant and accepts the bounds themselves', () => {
    for (const recorded_at of ['2026-01-01T08:00:00+08:00', '1900-01-01T00:00:00Z', '2200-12-31T23:59:59.999Z'])
      expect(listing({}, { recorded_at })).toMatchObject({ ok: true, event: { recorded_at } });
    expect(errors(listing({}, { recorded_at: '2026-01-01T00:00:00' })).map((e) => e.path)).toEqual(['/recorded_at']);
  });

  it('bounds valid time, report time and dates inside data alike', () => {
    expect(errors(listing({}, { occurred_on: '1899-12-31' })).map((e) => e.path)).toEqual(['/occurred_on']);
    expect(errors(listing({}, { occurred_on: '2201-01-01' })).map((e) => e.path)).toEqual(['/occurred_on']);
    expect(errors(listing({}, { source: { ...source, published_at: '0201-02-11' } })).map((e) => e.path)).toEqual(['/source/published_at']);
    expect(errors(review({ statutory_deadline: '2300-01-01' })).map((e) => e.path)).toEqual(['/data/statutory_deadline']);
    expect(errors(review({ statutory_deadline: { start: '2024-03-01', end: '2024-02-01' } })).map((e) => e.path)).toEqual([
      '/data/statutory_deadline/end',
    ]);
  });

  it('takes a deadline as a day, a period or words, but not a date-shaped string that is no date', () => {
    for (const statutory_deadline of ['2024-02-25', { date: '2024-02-01', precision: 'month' }, 'by the end of the year'])
      expect(review({ statutory_deadline })).toMatchObject({ ok: true, event: { data: { statutory_deadline } } });
    expect(errors(review({ statutory_deadline: '2024-02-30' }))).toEqual([
      { path: '/data/statutory_deadline', message: 'not a calendar date' },
    ]);
  });
});

describe('labels and enums', () => {
  it('keeps a label the catalog does not list, with a warning, where it drives no state', () => {
    const result = review({ regime: 'exchange approval' });
    expect(result).toMatchObject({ ok: true, event: { data: { regime: 'exchange approval' } } });
    expect(warnings(result)).toEqual([{ path: '/data/regime', message: expect.stringContaining("'exchange approval' is not a regime") }]);
    expect(warnings(proposal('listing.priced', 'listing:zhipu-xhkg-2026', {}, { source: { ...source, genre: 'podcast' } }))).toEqual([
      { path: '/source/genre', message: expect.stringContaining('podcast') },
    ]);
  });

  it('refuses an unknown value of an enum that drives state', () => {
    expect(errors(review({ phase: 'phase_9' })).map((e) => e.path)).toEqual(['/data/phase']);
    const decided = proposal('acquisition.review_decided', 'acquisition:meta-manus-2025', { review_id: 'cn-1', outcome: 'waved_through' });
    expect(errors(decided).map((e) => e.path)).toEqual(['/data/outcome']);
  });
});

describe('shapes that take words or structure', () => {
  it('accepts an authority by full code, country, country-level body, name only, or words', () => {
    for (const authority of [
      { code: 'CN-SAMR' },
      { code: 'CN' },
      { code: 'US-GOV', name_as_reported: 'the U.S. government' },
      { code: null, name_as_reported: 'Chinese regulators' },
      'Beijing',
    ])
      expect(review({ authority })).toMatchObject({ ok: true, event: { data: { authority } } });
    expect(errors(review({ authority: { code: 'samr' } }))).toEqual([
      { path: '/data/authority/code', message: expect.stringContaining('CN-SAMR') },
    ]);
  });

  it('explains a refused value by the shape it came closest to, or by the JSON types that would do', () => {
    expect(errors(listing({ offer_price: { amount_minor: 'x', currency: 'USD' } })).map((e) => e.path)).toEqual([
      '/data/offer_price/amount_minor',
    ]);
    expect(errors(listing({ valuation: { amount: { amount_minor: 1 }, basis: 'fully_diluted' } })).map((e) => e.path)).toEqual([
      '/data/valuation/amount/currency',
    ]);
    expect(errors(listing({ offer_price: 28 }))).toEqual([{ path: '/data/offer_price', message: 'expected an object or a string' }]);
    expect(errors(listing({ company: { company_id: 'zhipu' } }))).toEqual([
      { path: '/data/company/company_id', message: 'expected company:<slug>' },
    ]);
  });

  it('keeps the unnamed keys inside a value type as warnings', () => {
    const result = listing({
      valuation: { amount: { amount_minor: 640_000_000_000, currency: 'USD' }, basis: 'fully_diluted', method_note: 'as filed' },
    });
    expect(warnings(result)).toEqual([{ path: '/data/valuation/method_note', message: 'not named in the catalog; kept verbatim' }]);
  });

  it('checks the new value of a change that sets a whole named field, or adds to a named list', () => {
    const amended = (changes: unknown) =>
      proposal('acquisition.terms_amended', 'acquisition:meta-manus-2025', { terms_version: 2, changes });
    expect(errors(amended([{ op: 'replace', path: '/stake_bp', to: 'all of it' }])).map((e) => e.path)).toEqual(['/data/changes/0/to']);
    expect(errors(amended([{ op: 'replace', path: '/consideration', to: { type: 'cash', per_share: 5 } }])).map((e) => e.path)).toEqual([
      '/data/changes/0/to/per_share',
    ]);
    expect(errors(amended([{ op: 'replace' }])).map((e) => e.path)).toEqual(['/data/changes/0/path', '/data/changes/0/to']);
    expect(amended([{ op: 'replace', path: '/consideration/per_share', to: 'anything: checked when applied' }]).ok).toBe(true);
    const required = (changes: unknown) =>
      proposal('chiptrade.export_requirement_amended', 'chiptrade:asml-duv-nl-cn', { side: 'export', changes });
    expect(errors(required([{ op: 'add', path: '/products/-', value: { product_id: 'H20' } }])).map((e) => e.path)).toEqual([
      '/data/changes/0/value/product_id',
    ]);
  });
});
