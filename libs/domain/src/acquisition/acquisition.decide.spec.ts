import { describe, it } from '@jest/globals';
import { RuleViolation } from '../errors.js';
import { day, event, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';

const A = 'acquisition:msft-atvi-2022';
const parties = {
  acquirer: { company_id: 'company:microsoft', name_as_reported: 'Microsoft' },
  target: { company_id: 'company:activision', name_as_reported: 'Activision Blizzard' },
};
type Data = Record<string, unknown>;
const deal = (type: string, data: Data = {}, o?: EventOptions) => event(`acquisition.${type}`, A, data, o);
const review = (type: string, review_id: string, data: Data, o: EventOptions) =>
  deal(type, { review_id, ...data }, { id: `${type}:${review_id}`, ...o });

const rumored = (o?: EventOptions) => deal('rumored', parties, o);
const announced = (o?: EventOptions) =>
  deal('announced', { ...parties, headline_value: { amount_minor: 6_870_000_000_000, currency: 'USD' } }, o);
const opened = (id: string, o: EventOptions, data: Data = {}) =>
  review('review_opened', id, { jurisdiction: 'GB', regime: 'merger_control', phase: 'phase_1', ...data }, o);
const decided = (id: string, outcome: string, o: EventOptions) => review('review_decided', id, { outcome }, o);
const completed = (o?: EventOptions) => deal('completed', {}, o);
const terminated = (o?: EventOptions) => deal('terminated', { reason: 'mutual' }, o);

describe('acquisition deal', () => {
  it('tracks a rumor, then its announcement', () => {
    given(rumored({ on: '2022-01-10' }))
      .when(announced({ on: '2022-01-18' }))
      .then({ status: 'announced', announced: true, terms: { headline_value: { amount_minor: 6_870_000_000_000 } } });
  });

  it('rejects a rumor once the deal is tracked, and a second announcement', () => {
    given(announced({ on: '2022-01-18' }))
      .when(rumored({ on: '2022-01-20' }))
      .thenThrows(RuleViolation, { code: 'acquisition.already_tracked', state: 'announced', events: ['announced', 'rumored'] });
    given(announced({ on: '2022-01-18' }))
      .when(announced({ on: '2022-02-01', id: 'announced-again' }))
      .thenThrows(RuleViolation, { code: 'acquisition.already_announced' });
  });

  it('rejects terms, closing and review events with no deal', () => {
    for (const proposal of [
      deal('terms_amended', { terms_version: 2 }, { on: '2022-03-01' }),
      deal('expected_close_revised', { revised: { start: '2023-07-01' } }, { on: '2022-03-01' }),
      completed({ on: '2023-10-13' }),
      opened('gb-cma-1', { on: '2022-07-06' }),
    ])
      given().when(proposal).thenThrows(RuleViolation, { code: 'acquisition.no_deal', state: 'none' });
  });

  it('amends terms and revises the expected close', () => {
    given(
      announced({ on: '2022-01-18' }),
      deal('terms_amended', { terms_version: 2, changes: { stake_bp: 10_000 }, reason: 'restructured' }, { on: '2023-08-22' }),
    )
      .when(deal('expected_close_revised', { revised: { start: '2023-10-18', as_reported: 'by October 18' } }, { on: '2023-07-18' }))
      .then({ terms: { terms_version: 2, stake_bp: 10_000, expected_close: { start: '2023-10-18' } }, amendments: [{ terms_version: 2 }] });
  });

  it('takes nothing but meta-events after completion or termination', () => {
    given(announced({ on: '2022-01-18' }), completed({ on: '2023-10-13' }))
      .when(deal('terms_amended', { terms_version: 3 }, { on: '2023-11-01' }))
      .thenThrows(RuleViolation, { code: 'acquisition.closed', state: 'completed', events: ['completed', 'terms_amended'] });
    given(announced({ on: '2022-01-18' }), terminated({ on: '2023-01-01' }))
      .when(event('fact.corroborated', A, { target_event_id: 'terminated', resulting_confidence: 'official' }))
      .then({ status: 'terminated', confidence: 'official' });
  });
});

describe('acquisition reviews', () => {
  const dealOn = announced({ on: '2022-01-18' });

  it('puts the deal under review while a review is open, cleared once all are decided', () => {
    given(dealOn)
      .when(opened('gb-cma-1', { on: '2022-07-06' }))
      .then({ status: 'under_review', reviews: [{ review_id: 'gb-cma-1', state: 'open', opened_on: day('2022-07-06') }] });
    given(dealOn, opened('gb-cma-1', { on: '2022-07-06' }))
      .when(decided('gb-cma-1', 'cleared_with_conditions', { on: '2023-10-13' }))
      .then({ status: 'cleared', reviews: [{ state: 'decided', outcome: 'cleared_with_conditions', decided_on: day('2023-10-13') }] });
  });

  it('rejects opening a review_id twice', () => {
    given(dealOn, opened('gb-cma-1', { on: '2022-07-06' }))
      .when(opened('gb-cma-1', { on: '2022-09-01', id: 'reopened' }))
      .thenThrows(RuleViolation, {
        code: 'acquisition.review_already_open',
        state: { review_id: 'gb-cma-1', state: 'open' },
        events: ['review_opened:gb-cma-1', 'reopened'],
      });
  });

  it('accepts a decision recorded before the opening is back-filled, dated or not', () => {
    const decision = decided('eu-ec-1', 'cleared_with_conditions', { on: '2023-05-15' });
    given(dealOn, decision)
      .when(opened('eu-ec-1', { on: '2022-11-01' }, { jurisdiction: 'EU', phase: 'phase_2' }))
      .then({
        status: 'cleared',
        reviews: [
          { review_id: 'eu-ec-1', jurisdiction: 'EU', state: 'decided', opened_on: day('2022-11-01'), decided_on: day('2023-05-15') },
        ],
      });
    given(dealOn, decision)
      .when(opened('eu-ec-1', {}, { jurisdiction: 'EU' }))
      .then({ status: 'cleared', reviews: [{ state: 'decided', opened_on: null }] });
  });

  it('rejects a phase change or a resumption as the first event of a review', () => {
    given(dealOn)
      .when(review('review_phase_changed', 'gb-cma-1', { to_phase: 'phase_2' }, { on: '2022-09-01' }))
      .thenThrows(RuleViolation, { code: 'acquisition.review_not_open', state: { review_id: 'gb-cma-1', state: 'unknown' } });
  });

  it('rejects a phase regression, allows moving forward', () => {
    const phase2 = review('review_phase_changed', 'gb-cma-1', { to_phase: 'phase_2' }, { on: '2022-09-01' });
    given(dealOn, opened('gb-cma-1', { on: '2022-07-06' }))
      .when(phase2)
      .then({ reviews: [{ phase: 'phase_2' }] });
    given(dealOn, opened('gb-cma-1', { on: '2022-07-06' }), phase2)
      .when(review('review_phase_changed', 'gb-cma-1', { to_phase: 'phase_1' }, { on: '2022-10-01', id: 'back' }))
      .thenThrows(RuleViolation, { code: 'acquisition.review_phase_regression', state: { phase: 'phase_2' } });
  });

  it('resumes only a suspended review', () => {
    const suspended = review('review_suspended', 'gb-cma-1', {}, { on: '2022-08-01' });
    const resumed = review('review_resumed', 'gb-cma-1', {}, { on: '2022-08-20' });
    given(dealOn, opened('gb-cma-1', { on: '2022-07-06' }), suspended)
      .when(resumed)
      .then({ reviews: [{ state: 'open' }] });
    given(dealOn, opened('gb-cma-1', { on: '2022-07-06' }))
      .when(resumed)
      .thenThrows(RuleViolation, { code: 'acquisition.review_not_suspended', state: { state: 'open' } });
  });

  it('rejects anything on a terminal review', () => {
    given(
      dealOn,
      opened('gb-cma-1', { on: '2022-07-06' }),
      review('review_withdrawn', 'gb-cma-1', { reason: 'pull_and_refile' }, { on: '2023-02-01' }),
    )
      .when(review('review_deadline_extended', 'gb-cma-1', { new_deadline: '2023-04-26' }, { on: '2023-02-10' }))
      .thenThrows(RuleViolation, { code: 'acquisition.review_terminal', state: { state: 'withdrawn' } });
  });

  it('rejects completion while a suspensory or possibly suspensory review is pending', () => {
    for (const suspensory of [true, null])
      given(dealOn, opened('gb-cma-1', { on: '2022-07-06' }, { suspensory }))
        .when(completed({ on: '2023-10-13' }))
        .thenThrows(RuleViolation, {
          code: 'acquisition.review_pending',
          state: { status: 'under_review', reviews: [{ review_id: 'gb-cma-1', state: 'open', suspensory }] },
          events: ['announced', 'review_opened:gb-cma-1', 'completed'],
        });
    given(
      dealOn,
      opened('gb-cma-1', { on: '2022-07-06' }, { suspensory: true }),
      review('review_suspended', 'gb-cma-1', {}, { on: '2022-08-01' }),
    )
      .when(completed({ on: '2023-10-13' }))
      .thenThrows(RuleViolation, { code: 'acquisition.review_pending' });
    given(dealOn, opened('us-ftc-1', { on: '2022-07-06' }, { jurisdiction: 'US', suspensory: false }))
      .when(completed({ on: '2023-10-13' }))
      .then({ status: 'completed', reviews: [{ state: 'open' }] });
  });

  it('blocks on a prohibition until a superseding review of new terms clears', () => {
    const prohibited = decided('gb-cma-1', 'prohibited', { on: '2023-04-26' });
    const blocked = [dealOn, opened('gb-cma-1', { on: '2022-07-06' }), prohibited] as const;
    given(...blocked)
      .when(completed({ on: '2023-05-01' }))
      .thenThrows(RuleViolation, {
        code: 'acquisition.blocked',
        state: { status: 'blocked', reviews: [{ review_id: 'gb-cma-1', outcome: 'prohibited' }] },
        events: ['announced', 'review_decided:gb-cma-1', 'completed'],
      });

    const restructured = [
      ...blocked,
      deal('terms_amended', { terms_version: 2, reason: 'cloud streaming rights sold to Ubisoft' }, { on: '2023-08-22' }),
      opened('gb-cma-2', { on: '2023-08-22' }, { terms_version: 2, supersedes_review_id: 'gb-cma-1' }),
    ];
    given(...restructured)
      .when(completed({ on: '2023-10-14' }))
      .thenThrows(RuleViolation, { code: 'acquisition.blocked' });
    given(...restructured)
      .when(decided('gb-cma-2', 'cleared', { on: '2023-10-13' }))
      .then({ status: 'cleared' });
    given(...restructured, decided('gb-cma-2', 'cleared', { on: '2023-10-13' }))
      .when(completed({ on: '2023-10-13' }))
      .then({ status: 'completed' });
  });

  it('reads pending reviews as moot once the deal terminates', () => {
    given(
      dealOn,
      opened('gb-cma-1', { on: '2022-07-06' }),
      decided('gb-cma-1', 'cleared', { on: '2022-12-01' }),
      opened('cn-samr-1', { on: '2022-08-01' }, { jurisdiction: 'CN' }),
    )
      .when(terminated({ on: '2023-01-10' }))
      .then({
        status: 'terminated',
        termination: { reason: 'mutual' },
        reviews: [
          { review_id: 'gb-cma-1', state: 'decided' },
          { review_id: 'cn-samr-1', state: 'moot' },
        ],
      });
  });
});
