import { describe, expect, it } from '@jest/globals';
import { MetaTargetInvalid, MetaTargetNotFound, RuleViolation } from '../errors.js';
import type { ListingState } from '../listing/listing.state.js';
import { day, event, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';

const L = 'listing:minimax-xhkg-2026';
const usd = (amount_minor: number) => ({ amount_minor, currency: 'USD', approximate: true });
const priced = event('listing.priced', L, { gross_proceeds: usd(62_000_000_000) }, { on: '2026-01' });
const trading = event('listing.trading_started', L, { venue: { mic: 'XHKG' } }, { on: '2026-01-09' });
const move = event('listing.price_move_reported', L, { direction: 'up' }, { on: '2026-02-11' });

const corrected = (target_event_id: string, patch: unknown[], o?: EventOptions) =>
  event('fact.corrected', L, { target_event_id, kind: 'error', patch }, { id: `corrected:${target_event_id}`, ...o });
const retracted = (target_event_id: string, o?: EventOptions) =>
  event('fact.retracted', L, { target_event_id, reason: 'source_retracted' }, { id: `retracted:${target_event_id}`, ...o });
const corroborated = (target_event_id: string, resulting_confidence: string, o?: EventOptions) =>
  event(
    'fact.corroborated',
    L,
    { target_event_id, resulting_confidence },
    { id: `corroborated:${target_event_id}`, source: { source_id: 'src:hkex' }, ...o },
  );

describe('fact.corrected', () => {
  it('applies a refinement of the date and a fix of the data', () => {
    given(priced, trading)
      .when(
        corrected('priced', [
          { op: 'replace', path: '/occurred_on', value: '2026-01-08' },
          { op: 'replace', path: '/occurred_precision', value: 'day' },
        ]),
        corrected('priced', [{ op: 'replace', path: '/data/gross_proceeds/amount_minor', value: 61_900_000_000 }], { id: 'fix-amount' }),
      )
      .then({ status: 'trading', gross_proceeds: { amount_minor: 61_900_000_000 }, dates: { priced_on: day('2026-01-08') } });
  });

  it('is rejected when the patched stream breaks a rule', () => {
    given(priced, trading)
      .when(corrected('trading_started', [{ op: 'replace', path: '/occurred_on', value: '2025-12-01' }]))
      .thenThrows(RuleViolation, {
        code: 'listing.invalid_transition',
        state: 'trading',
        events: ['trading_started', 'priced', 'corrected:trading_started'],
      });
  });

  it('is rejected when the patch does not apply or leaves an invalid event', () => {
    for (const patch of [
      [{ op: 'remove', path: '/data/ticker' }],
      [{ op: 'replace', path: '/data/gross_proceeds/currency', value: 'dollars' }],
      [{ op: 'replace', path: '/occurred_on', value: null }],
    ])
      given(priced)
        .when(corrected('priced', patch))
        .thenThrows(RuleViolation, {
          code: 'fact.correction_invalid',
          state: { target_event_id: 'priced', type: 'listing.priced' },
          events: ['priced', 'corrected:priced'],
        });
  });

  it('needs a target in the same stream that is a fact, not a meta-event', () => {
    given(priced)
      .when(corrected('no-such-event', [{ op: 'remove', path: '/data/x' }]))
      .thenThrows(MetaTargetNotFound, { code: 'event.meta_target_not_found' });
    given(priced, corroborated('priced', 'official'))
      .when(corrected('corroborated:priced', [{ op: 'replace', path: '/data/resulting_confidence', value: 'confirmed' }]))
      .thenThrows(MetaTargetInvalid, { code: 'event.meta_target_invalid' });
  });
});

describe('fact.retracted', () => {
  it('stops the target counting and recomputes the state', () => {
    const state = given(priced, trading, move)
      .when(retracted('price_move_reported'))
      .then({ status: 'trading', price_moves: [], provenance: { retracted_event_ids: ['price_move_reported'] } });
    expect((state as ListingState).version).toBe(4);
  });

  it('is rejected when the stream without the target breaks a rule', () => {
    given(priced, trading, move)
      .when(retracted('trading_started'))
      .thenThrows(RuleViolation, { code: 'listing.not_trading', events: ['priced', 'price_move_reported', 'retracted:trading_started'] });
  });

  it('can itself be retracted, which restores the target', () => {
    given(priced, trading, move, retracted('price_move_reported'))
      .when(retracted('retracted:price_move_reported', { id: 'undo' }))
      .then({ price_moves: [{ direction: 'up' }], provenance: { retracted_event_ids: ['retracted:price_move_reported'] } });
  });
});

describe('fact.corroborated', () => {
  it('raises the effective confidence and adds its source', () => {
    const state = given(priced).when(corroborated('priced', 'official')).then({ confidence: 'official' }) as ListingState;
    expect(state.sources.map((s) => s.source_id)).toEqual(['src:hkex', 'src:test-wire']);
  });

  it('never lowers it, and stops counting once retracted', () => {
    given(priced).when(corroborated('priced', 'rumor')).then({ confidence: 'reported' });
    given(priced, corroborated('priced', 'official'))
      .when(retracted('corroborated:priced'))
      .then({ confidence: 'reported', sources: [{ source_id: 'src:test-wire' }] });
  });
});
