import { describe, expect, it } from '@jest/globals';
import { matches, type Criteria, type EventFacts } from './criteria.js';
import { matchesEventType, unknownEventTypePatterns } from './event-types.js';

const everything: Criteria = { event_types: ['*'], companies: [], regions: [], jurisdictions: [], min_confidence: null };
const event: EventFacts = {
  type: 'acquisition.review_opened',
  companies: ['company:meta', 'company:manus'],
  regions: ['CN', 'US'],
  jurisdiction: 'CN',
  confidence: 'reported',
};

describe('event type patterns', () => {
  it('matches *, a family, or one type', () => {
    expect(matchesEventType(['*'], 'listing.priced')).toBe(true);
    expect(matchesEventType(['acquisition.*'], 'acquisition.review_opened')).toBe(true);
    expect(matchesEventType(['acquisition.*'], 'acquisitions.x')).toBe(false);
    expect(matchesEventType(['listing.priced'], 'listing.priced')).toBe(true);
    expect(matchesEventType(['listing.priced'], 'listing.filed')).toBe(false);
  });

  it('knows which patterns no catalog type or operational message can match', () => {
    expect(unknownEventTypePatterns(['*', 'acquisition.*', 'fact.corrected', 'subscription.*', 'subscription.disabled'])).toEqual([]);
    expect(unknownEventTypePatterns(['acquisition.exploded', 'weather.*'])).toEqual(['acquisition.exploded', 'weather.*']);
  });
});

describe('subscription criteria', () => {
  it('takes everything when nothing narrows', () => {
    expect(matches(everything, event)).toBe(true);
  });

  it('matches a company filter on any company the event touches', () => {
    expect(matches({ ...everything, companies: ['company:manus'] }, event)).toBe(true);
    expect(matches({ ...everything, companies: ['company:nvidia'] }, event)).toBe(false);
  });

  it('matches regions and review jurisdictions', () => {
    expect(matches({ ...everything, regions: ['US'] }, event)).toBe(true);
    expect(matches({ ...everything, regions: ['HK'] }, event)).toBe(false);
    expect(matches({ ...everything, jurisdictions: ['CN', 'GB'] }, event)).toBe(true);
    expect(matches({ ...everything, jurisdictions: ['GB'] }, event)).toBe(false);
    expect(matches({ ...everything, jurisdictions: ['CN'] }, { ...event, jurisdiction: null })).toBe(false);
  });

  it('orders confidence official > confirmed > reported > anonymous_sources > rumor', () => {
    expect(matches({ ...everything, min_confidence: 'reported' }, event)).toBe(true);
    expect(matches({ ...everything, min_confidence: 'anonymous_sources' }, event)).toBe(true);
    expect(matches({ ...everything, min_confidence: 'confirmed' }, event)).toBe(false);
    expect(matches({ ...everything, min_confidence: 'rumor' }, { ...event, confidence: null })).toBe(false);
  });

  it('applies only event types to operational messages', () => {
    const notice: EventFacts = { type: 'subscription.disabled', companies: [], regions: [], jurisdiction: null, confidence: null };
    const narrow: Criteria = { event_types: ['subscription.*'], companies: ['company:meta'], regions: ['CN'], jurisdictions: ['CN'], min_confidence: 'official' };
    expect(matches(narrow, notice)).toBe(true);
    expect(matches({ ...narrow, event_types: ['acquisition.*'] }, notice)).toBe(false);
  });
});
