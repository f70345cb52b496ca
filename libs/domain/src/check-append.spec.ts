import { describe, expect, it } from '@jest/globals';
import { checkAppend } from './check-append.js';
import { InvalidSubject, UnknownEventType } from './errors.js';
import { event } from './testing/events.js';
import { given } from './testing/given.js';

const L = 'listing:zhipu-xhkg-2026';

describe('checkAppend', () => {
  it('answers a type outside the catalog with event.unknown_type', () => {
    given()
      .when(event('listing.ipo_cancelled', L, {}))
      .thenThrows(UnknownEventType, { code: 'event.unknown_type' });
  });

  it('answers a type of another aggregate with event.wrong_aggregate; meta types fit any stream', () => {
    given()
      .when(event('acquisition.announced', L, {}))
      .thenThrows(UnknownEventType, { code: 'event.wrong_aggregate' });
    const priced = event('listing.priced', L, {}, { on: '2026-01' });
    given(priced)
      .when(event('fact.corroborated', L, { target_event_id: 'priced', resulting_confidence: 'official' }))
      .then({ confidence: 'official' });
  });

  it('refuses an event for another stream or an invalid subject', () => {
    expect(() => checkAppend(L, [], [event('listing.priced', 'listing:other-xhkg-2026', {})], '2026-03-01T00:00:00Z')).toThrow(
      InvalidSubject,
    );
    expect(() => checkAppend('listing:Zhipu', [], [], '2026-03-01T00:00:00Z')).toThrow(InvalidSubject);
  });

  it('checks a batch in order, each proposal seeing the earlier ones', () => {
    given()
      .when(
        event('listing.priced', L, {}, { on: '2026-01-08' }),
        event('listing.trading_started', L, { venue: { mic: 'XHKG' } }, { on: '2026-01-09' }),
        event('listing.price_move_reported', L, { direction: 'up' }, { on: '2026-02-11' }),
      )
      .then({ status: 'trading', version: 3 });
  });
});
