import { describe, expect, it } from '@jest/globals';
import { aggregateOf, EVENT_TYPES, isKnownEventType } from './catalog.js';
import { CONFIDENCE_ORDER, confidenceRank, effectiveConfidence } from './confidence.js';

describe('catalog', () => {
  it('knows every type of every aggregate, meta-events included', () => {
    expect(EVENT_TYPES).toEqual(
      expect.arrayContaining(['company.registered', 'listing.review_decided', 'acquisition.remedies_offered', 'fact.corrected']),
    );
    expect(EVENT_TYPES).toHaveLength(new Set(EVENT_TYPES).size);
    expect(isKnownEventType('signal.policy_announced')).toBe(true);
    expect(isKnownEventType('listing.objections_issued')).toBe(false);
    expect(isKnownEventType('toString')).toBe(false);
  });

  it('names the aggregate of a subject or a type; meta types belong to none', () => {
    expect(aggregateOf('listing:zhipu-xhkg-2026')).toBe('listing');
    expect(aggregateOf('chiptrade.export_licence_granted')).toBe('chiptrade');
    expect(aggregateOf('fact.retracted')).toBeNull();
    expect(aggregateOf('constructor:x')).toBeNull();
  });
});

describe('confidence', () => {
  it('ranks official highest, rumor lowest', () => {
    expect(CONFIDENCE_ORDER[0]).toBe('official');
    expect(CONFIDENCE_ORDER.map(confidenceRank)).toEqual([5, 4, 3, 2, 1]);
  });

  it('takes the best of a fact and its corroborations', () => {
    expect(effectiveConfidence('anonymous_sources', ['rumor', 'confirmed'])).toBe('confirmed');
    expect(effectiveConfidence('reported', [])).toBe('reported');
  });
});
