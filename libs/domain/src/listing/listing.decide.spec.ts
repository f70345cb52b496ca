import { describe, it } from '@jest/globals';
import { RuleViolation } from '../errors.js';
import { day, event, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';

const L = 'listing:zhipu-xhkg-2026';
const zhipu = { company_id: 'company:zhipu', name_as_reported: 'Zhipu' };
const xhkg = { mic: 'XHKG', name_as_reported: 'Hong Kong' };
const usd = (amount_minor: number) => ({ amount_minor, currency: 'USD' });

const planned = (o?: EventOptions) => event('listing.plan_reported', L, { company: zhipu, venue: xhkg }, o);
const filed = (o?: EventOptions) => event('listing.filed', L, { company: zhipu, venue: xhkg }, o);
const termsSet = (o?: EventOptions) => event('listing.terms_set', L, { price_range: { low: usd(1000), high: usd(1200) } }, o);
const postponed = (o?: EventOptions) => event('listing.postponed', L, { reason: 'market volatility' }, o);
const resumed = (o?: EventOptions) => event('listing.resumed', L, {}, o);
const priced = (o?: EventOptions) => event('listing.priced', L, { company: zhipu, gross_proceeds: usd(56_000_000_000) }, o);
const trading = (o?: EventOptions) => event('listing.trading_started', L, { venue: xhkg, ticker: '2513' }, o);
const priceMove = (o?: EventOptions) => event('listing.price_move_reported', L, { direction: 'up', change_bp: 1200 }, o);
const withdrawn = (o?: EventOptions) => event('listing.withdrawn', L, { reason: 'market conditions' }, o);
const delisted = (o?: EventOptions) => event('listing.delisted', L, {}, o);

describe('listing lifecycle', () => {
  it('allows forward skips: a stream may start at pricing', () => {
    given()
      .when(priced({ on: '2026-01-08' }))
      .then({ status: 'priced', gross_proceeds: usd(56_000_000_000), dates: { priced_on: day('2026-01-08') } });
    given(filed({ on: '2025-11-01' }))
      .when(trading({ on: '2026-01-08' }))
      .then({ status: 'trading', ticker: '2513' });
  });

  it('rejects a move backward, naming the state and the events', () => {
    given(filed({ on: '2025-11-01' }), priced({ on: '2026-01-08' }))
      .when(termsSet({ on: '2026-01-09' }))
      .thenThrows(RuleViolation, { code: 'listing.invalid_transition', state: 'priced', events: ['priced', 'terms_set'] });
  });

  it('judges a late fact where it belongs in valid time', () => {
    given(priced({ on: '2026-01-08' }))
      .when(filed({ on: '2025-11-01' }))
      .then({ status: 'priced', dates: { filed_on: day('2025-11-01'), priced_on: day('2026-01-08') } });
  });

  it('orders a day inside a month by lifecycle: filed on Jan 20, priced "in January"', () => {
    given(priced({ on: '2026-01' }))
      .when(filed({ on: '2026-01-20' }))
      .then({ status: 'priced' });
  });

  it('allows postponement before pricing, even as the first event, and resumption back to filed', () => {
    given()
      .when(postponed({ on: '2025-12-01' }))
      .then({ status: 'postponed' });
    given(termsSet({ on: '2025-12-01' }), postponed({ on: '2025-12-10' }))
      .when(resumed({ on: '2026-01-02' }))
      .then({ status: 'filed', postponed_from: null });
  });

  it('lets a postponed listing go straight on to pricing, but not back to planning', () => {
    given(filed({ on: '2025-11-01' }), postponed({ on: '2025-12-10' }))
      .when(priced({ on: '2026-01-08' }))
      .then({ status: 'priced' });
    given(termsSet({ on: '2025-11-01' }), postponed({ on: '2025-12-10' }))
      .when(planned({ on: '2025-12-20' }))
      .thenThrows(RuleViolation, { code: 'listing.invalid_transition', state: 'postponed' });
  });

  it('rejects postponement once priced', () => {
    given(priced({ on: '2026-01-08' }))
      .when(postponed({ on: '2026-01-09' }))
      .thenThrows(RuleViolation, { code: 'listing.invalid_transition', state: 'priced' });
  });

  it('rejects resumption when not postponed', () => {
    given(filed({ on: '2025-11-01' }))
      .when(resumed({ on: '2025-12-01' }))
      .thenThrows(RuleViolation, { code: 'listing.not_postponed', state: 'filed', events: ['filed', 'resumed'] });
  });

  it('allows withdrawal before trading, rejects it after', () => {
    given(priced({ on: '2026-01-08' }))
      .when(withdrawn({ on: '2026-01-09' }))
      .then({ status: 'withdrawn', reason: 'market conditions' });
    given(priced({ on: '2026-01-08' }), trading({ on: '2026-01-09' }))
      .when(withdrawn({ on: '2026-01-10' }))
      .thenThrows(RuleViolation, { code: 'listing.withdrawn_after_trading', state: 'trading' });
  });

  it('takes price moves and delisting only while trading', () => {
    given(trading({ on: '2026-01-09' }), priceMove({ on: '2026-02-11' }))
      .when(delisted({ on: '2027-05-01' }))
      .then({ status: 'delisted', price_moves: [{ direction: 'up', change_bp: 1200, occurred_on: day('2026-02-11') }] });
    given(priced({ on: '2026-01-08' }))
      .when(priceMove({ on: '2026-01-09' }))
      .thenThrows(RuleViolation, { code: 'listing.not_trading', state: 'priced' });
    given(filed({ on: '2026-01-08' }))
      .when(delisted({ on: '2026-01-09' }))
      .thenThrows(RuleViolation, { code: 'listing.not_trading' });
  });

  it('takes nothing but meta-events after withdrawal or delisting', () => {
    given(filed({ on: '2025-11-01' }), withdrawn({ on: '2025-12-01' }))
      .when(termsSet({ on: '2025-12-05' }))
      .thenThrows(RuleViolation, { code: 'listing.closed', state: 'withdrawn', events: ['withdrawn', 'terms_set'] });
    given(trading({ on: '2026-01-09' }), delisted({ on: '2027-01-01' }))
      .when(priceMove({ on: '2027-02-01' }))
      .thenThrows(RuleViolation, { code: 'listing.closed', state: 'delisted' });
    given(trading({ on: '2026-01-09' }), delisted({ on: '2027-01-01' }))
      .when(event('fact.corroborated', L, { target_event_id: 'delisted', resulting_confidence: 'official' }))
      .then({ status: 'delisted', confidence: 'official' });
  });

  it('holds regulatory reviews (a CFIUS clearance) with the shared review rules', () => {
    const opened = event(
      'listing.review_opened',
      L,
      { review_id: 'us-cfius-1', jurisdiction: 'US', regime: 'foreign_investment' },
      { on: '2025-10-01' },
    );
    const cleared = event('listing.review_decided', L, { review_id: 'us-cfius-1', outcome: 'cleared' }, { on: '2025-12-01' });
    given(filed({ on: '2025-09-01' }), opened)
      .when(cleared)
      .then({
        status: 'filed',
        reviews: [{ review_id: 'us-cfius-1', state: 'decided', outcome: 'cleared', opened_on: day('2025-10-01') }],
      });
    given(filed({ on: '2025-09-01' }), opened, cleared)
      .when(event('listing.review_opened', L, { review_id: 'us-cfius-1', jurisdiction: 'US' }, { on: '2026-01-01', id: 'again' }))
      .thenThrows(RuleViolation, { code: 'listing.review_already_open' });
  });
});
