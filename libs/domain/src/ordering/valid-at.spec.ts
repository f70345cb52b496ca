import { describe, expect, it } from '@jest/globals';
import type { AcquisitionState } from '../acquisition/acquisition.state.js';
import { foldSubject } from '../fold-subject.js';
import { event, stored } from '../testing/events.js';
import { eventsValidAt, validFrom } from './valid-at.js';

const A = 'acquisition:meta-manus-2025';
const parties = { acquirer: { company_id: 'company:meta' }, target: { company_id: 'company:manus' } };
const endOf = (day: string) => `${day}T23:59:59.999Z`;
const ids = (events: { event_id: string }[]) => events.map((e) => e.event_id);

const announced = event('acquisition.announced', A, parties, { id: 'announced', on: '2025-12' });
// The seed article: the review is undated and first reported by CNN on 2026-02-11.
const reviewOpened = event('acquisition.review_opened', A, { review_id: 'cn-1', jurisdiction: 'CN' }, { id: 'opened', source: { published_at: '2026-02-11' } });
const meta = (type: string, id: string, data: Record<string, unknown>) => event(type, A, data, { id });

describe('validFrom', () => {
  it('starts a dated event at the start of its period', () => {
    const [e] = stored([announced]);
    expect(new Date(validFrom(e)).toISOString()).toBe('2025-12-01T00:00:00.000Z');
  });

  it('starts an undated event on the day it was first reported, else when it was recorded', () => {
    const [reported, stamped, unreported] = stored([
      reviewOpened,
      event('acquisition.review_opened', A, { review_id: 'cn-2' }, { source: { published_at: '2026-02-11T08:30:00+08:00' } }),
      event('acquisition.review_opened', A, { review_id: 'cn-3' }),
    ]);
    expect(new Date(validFrom(reported)).toISOString()).toBe('2026-02-11T00:00:00.000Z');
    expect(new Date(validFrom(stamped)).toISOString()).toBe('2026-02-11T00:30:00.000Z');
    expect(new Date(validFrom(unreported)).toISOString()).toBe(unreported.recorded_at);
  });
});

describe('eventsValidAt', () => {
  const stream = stored([announced, reviewOpened]);

  it('keeps what had happened by then: the deal announced in December, its undated review only once reported', () => {
    expect(ids(eventsValidAt(stream, endOf('2025-11-15')))).toEqual([]);
    expect(ids(eventsValidAt(stream, endOf('2026-01-15')))).toEqual(['announced']);
    expect(ids(eventsValidAt(stream, '2026-02-11T00:00:00Z'))).toEqual(['announced', 'opened']);
    expect((foldSubject(A, eventsValidAt(stream, endOf('2026-01-15'))) as AcquisitionState).status).toBe('announced');
    expect((foldSubject(A, eventsValidAt(stream, endOf('2026-02-11'))) as AcquisitionState).status).toBe('under_review');
  });

  it('dates a fact as its corrections date it: a correction can move it across the instant asked about', () => {
    const terminated = event('acquisition.terminated', A, { reason: 'mutual' }, { id: 'terminated', on: '2025-12-18' });
    const correction = meta('fact.corrected', 'corrected', {
      target_event_id: 'terminated',
      kind: 'error',
      patch: [{ op: 'replace', path: '/occurred_on', value: '2025-12-17' }],
    });
    const before = stored([announced, terminated]);
    expect(ids(eventsValidAt(before, endOf('2025-12-17')))).toEqual(['announced']);
    const after = stored([announced, terminated, correction]);
    expect(ids(eventsValidAt(after, endOf('2025-12-17')))).toEqual(['announced', 'terminated', 'corrected']);
    expect((foldSubject(A, eventsValidAt(after, endOf('2025-12-17'))) as AcquisitionState).status).toBe('terminated');
  });

  it('keeps a meta-event only with the fact it applies to', () => {
    const events = stored([
      announced,
      reviewOpened,
      meta('fact.corroborated', 'corroborates-review', { target_event_id: 'opened', resulting_confidence: 'official' }),
      meta('fact.corroborated', 'corroborates-deal', { target_event_id: 'announced', resulting_confidence: 'confirmed' }),
      meta('fact.retracted', 'retracts-review', { target_event_id: 'opened', reason: 'duplicate' }),
      meta('fact.retracted', 'retracts-retraction', { target_event_id: 'retracts-review', reason: 'source_retracted' }),
    ]);
    expect(ids(eventsValidAt(events, endOf('2026-01-15')))).toEqual(['announced', 'corroborates-deal']);
    expect(ids(eventsValidAt(events, endOf('2026-02-11')))).toEqual(ids(events));
  });

  it('depends on the events, not on the order of the array', () => {
    expect(ids(eventsValidAt([...stream].reverse(), endOf('2026-02-11')))).toEqual(['opened', 'announced']);
  });
});
