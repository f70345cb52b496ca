import { describe, expect, it } from '@jest/globals';
import { event, stored, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';
import { sortByRecorded, sortByValidTime } from './sort-events.js';
import { intervalOf } from './valid-time.js';

const A = 'acquisition:meta-manus-2025';
const parties = { acquirer: { company_id: 'company:meta' }, target: { company_id: 'company:manus' } };
const ids = (events: { event_id: string }[]) => events.map((e) => e.event_id);
const at = (type: string, id: string, o: EventOptions = {}, data: Record<string, unknown> = { review_id: 'cn-1' }) =>
  event(`acquisition.${type}`, A, data, { id, ...o });

describe('intervalOf', () => {
  it('covers the whole period whatever day the source wrote', () => {
    expect(intervalOf('2026-01-15', 'day')).toEqual({ start: '2026-01-15', end: '2026-01-16' });
    expect(intervalOf('2026-01-15', 'month')).toEqual({ start: '2026-01-01', end: '2026-02-01' });
    expect(intervalOf('2026-08-20', 'quarter')).toEqual({ start: '2026-07-01', end: '2026-10-01' });
    expect(intervalOf('2026-12-31', 'year')).toEqual({ start: '2026-01-01', end: '2027-01-01' });
    expect(intervalOf(null, 'unknown')).toBeNull();
  });
});

describe('sortByValidTime', () => {
  it('sorts by period, by lifecycle inside a period that holds finer dates, then by recording', () => {
    const events = stored([
      at('review_decided', 'decided', { on: '2026-01' }, { review_id: 'cn-1', outcome: 'cleared' }),
      at('review_opened', 'opened', { on: '2026-01-20' }, { review_id: 'cn-1', jurisdiction: 'CN' }),
      at('announced', 'announced', { on: '2025-Q4' }, parties),
      at('review_deadline_extended', 'extended', { on: '2026-01-25' }, { review_id: 'cn-1', new_deadline: '2026-03-01' }),
      at('terms_amended', 'amended-1', { on: '2026' }, { terms_version: 2 }),
    ]);
    expect(ids(sortByValidTime(events))).toEqual(['announced', 'amended-1', 'opened', 'extended', 'decided']);
  });

  it('puts an undated event in the place of the latest dated event recorded before it, ranked against it', () => {
    const events = stored([
      at('announced', 'announced', { on: '2025-12' }, parties),
      at('review_decided', 'decided', { on: '2026-03-01' }, { review_id: 'cn-1', outcome: 'cleared' }),
      at('review_opened', 'opened', {}, { review_id: 'cn-1', jurisdiction: 'CN' }),
      at('expected_close_revised', 'close', { on: '2026-01-10' }, { revised: { start: '2026-06-01' } }),
    ]);
    expect(ids(sortByValidTime(events))).toEqual(['announced', 'close', 'opened', 'decided']);
  });

  it('puts undated events recorded before any dated one first', () => {
    const events = stored([
      at('review_opened', 'opened', {}, { review_id: 'cn-1', jurisdiction: 'CN' }),
      at('announced', 'announced', { on: '2025-12' }, parties),
    ]);
    expect(ids(sortByValidTime(events))).toEqual(['opened', 'announced']);
  });

  it('depends on the events only, not on the order of the array', () => {
    const events = stored([
      at('announced', 'announced', { on: '2025-12' }, parties),
      at('review_opened', 'opened', {}, { review_id: 'cn-1', jurisdiction: 'CN' }),
      at('review_opened', 'opened-2', { on: '2026-01' }, { review_id: 'cn-2', jurisdiction: 'CN' }),
    ]);
    expect(sortByValidTime([...events].reverse())).toEqual(sortByValidTime(events));
  });

  it('leaves company streams in recorded order', () => {
    const events = stored([
      event('company.relocated', 'company:x', { to_country: 'SG' }, { on: '2025-01-01', id: 'b' }),
      event('company.registered', 'company:x', { display_name: 'X' }, { on: '2026-01-01', id: 'a' }),
    ]);
    expect(ids(sortByRecorded([...events].reverse()))).toEqual(['b', 'a']);
  });
});

describe('undated events under the rules', () => {
  it('accept an undated review opening after a dated announcement (the seed article)', () => {
    given(at('announced', 'announced', { on: '2025-12' }, parties))
      .when(at('review_opened', 'opened', {}, { review_id: 'cn-unspecified-1', jurisdiction: 'CN', regime: 'unspecified' }))
      .then({ status: 'under_review', reviews: [{ review_id: 'cn-unspecified-1', opened_on: null }] });
  });
});
