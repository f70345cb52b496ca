import { describe, expect, it } from '@jest/globals';
import { RuleViolation } from '../errors.js';
import { day, event, type EventOptions } from '../testing/events.js';
import { given } from '../testing/given.js';
import type { AcquisitionState } from './acquisition.state.js';

// Deals as real reports give them: authorities known by country or in words, reviews first known by
// their decision, consideration in structure or in words, amendments as lists of changes.

const A = 'acquisition:amd-xilinx-2020';
type Data = Record<string, unknown>;
const deal = (type: string, data: Data = {}, o?: EventOptions) => event(`acquisition.${type}`, A, data, o);
const announced = (data: Data = {}, o: EventOptions = { on: '2020-10-27' }) =>
  deal('announced', { acquirer: { company_id: 'company:amd', name_as_reported: 'AMD' }, target: 'Xilinx', ...data }, o);
const stock = {
  type: 'stock',
  exchange_ratio: '1.7234',
  security: { issuer: { company_id: 'company:amd' }, class: 'common' },
  exchange_ratio_as_reported: '1.7234 AMD shares per Xilinx share',
};

describe('acquisition reviews as reports name them', () => {
  it('opens a review known only by its country, then decides it, with the words kept', () => {
    const opened = deal(
      'review_opened',
      { review_id: 'cn-1', jurisdiction: 'CN', authority: { code: 'CN', name_as_reported: 'Chinese regulators' } },
      { on: '2021-01' },
    );
    const state = given(announced(), opened)
      .when(
        deal(
          'review_decided',
          { review_id: 'cn-1', outcome: 'cleared_with_conditions', conditions: 'subject to conditions' },
          { on: '2022-01-27' },
        ),
      )
      .then({ status: 'cleared' }) as AcquisitionState;
    expect(state.reviews).toEqual([
      expect.objectContaining({
        authority: { code: 'CN', name_as_reported: 'Chinese regulators' },
        conditions: 'subject to conditions',
        decided_on: day('2022-01-27'),
      }),
    ]);
  });

  it('takes a review first known by its decision from "the U.S. government", in words; the deal then completes', () => {
    given(
      announced(),
      deal(
        'review_decided',
        { review_id: 'us-1', jurisdiction: 'US', authority: 'the U.S. government', outcome: 'cleared' },
        { on: '2021-06-01' },
      ),
    )
      .when(deal('completed', { final_consideration: 'about $49bn in AMD stock' }, { on: '2022-02-14' }))
      .then({
        status: 'completed',
        final_consideration: 'about $49bn in AMD stock',
        reviews: [{ review_id: 'us-1', authority: 'the U.S. government', state: 'decided', opened_on: null }],
      });
  });

  it('keeps a review suspended until resumed, whatever words the authority is named in, and refuses completing meanwhile', () => {
    const suspended = deal(
      'review_suspended',
      { review_id: 'gb-1', jurisdiction: 'GB', authority: 'the UK regulator', reason_as_reported: 'clock stopped' },
      { on: '2021-03-01' },
    );
    given(announced(), suspended)
      .when(deal('completed', {}, { on: '2021-04-01' }))
      .thenThrows(RuleViolation, { code: 'acquisition.review_pending', events: ['announced', 'review_suspended', 'completed'] });
  });

  it('keeps who a later event says the review belongs to, when it differs from what was first known', () => {
    const opened = deal(
      'review_opened',
      { review_id: 'eu-ec-1', jurisdiction: 'EU', authority: { code: 'EU-EC', name_as_reported: 'EU (European Commission)' } },
      { on: '2021-02' },
    );
    const decided = (id: string, authority: unknown) =>
      deal('review_decided', { review_id: 'eu-ec-1', outcome: 'cleared', authority }, { on: '2021-06-30', id });
    given(announced(), opened, decided('decided', { code: 'EU-EC', name_as_reported: 'European Commission' }))
      .when(deal('review_opened', { review_id: 'gb-1', jurisdiction: 'GB' }, { on: '2021-07-01', id: 'gb-opened' }))
      .then({
        reviews: [
          {
            authority: { code: 'EU-EC', name_as_reported: 'EU (European Commission)' },
            also_stated: { authority: [{ code: 'EU-EC', name_as_reported: 'European Commission' }] },
          },
          { review_id: 'gb-1', also_stated: {} },
        ],
      });
  });
});

describe('acquisition terms as reports give them', () => {
  it("keeps a stock exchange ratio with the acquirer's security, and plain words, as given", () => {
    given()
      .when(announced({ consideration: stock }))
      .then({ terms: { consideration: stock } });
    given()
      .when(announced({ consideration: '$95.00 per share in cash' }))
      .then({ terms: { consideration: '$95.00 per share in cash' } });
  });

  it('applies an amendment given as a list of changes; records what it could not place', () => {
    const cash = { type: 'cash', per_share: { amount_minor: 11_000, currency: 'USD' } };
    const amendment = deal(
      'terms_amended',
      {
        terms_version: 2,
        changes: [
          { op: 'replace', path: '/consideration/per_share', from: cash.per_share, to: { amount_minor: 12_750, currency: 'USD' } },
          { op: 'replace', path: '/stake_bp', to: 7_000 },
          { op: 'replace', path: '/minimum_tender_condition_bp', from: 8_000, to: 7_000 },
          { type: 'divestiture', summary: 'sell the standard-product business', buyer: { company_id: 'company:nexperia' } },
          'the offer is no longer conditional on the Dutch works council',
        ],
      },
      { on: '2021-02-20' },
    );
    const state = given(announced({ consideration: cash }))
      .when(amendment)
      .then({
        terms: { terms_version: 2, stake_bp: 7_000, consideration: { type: 'cash', per_share: { amount_minor: 12_750, currency: 'USD' } } },
      }) as AcquisitionState;
    expect(state.amendments).toEqual([
      expect.objectContaining({ terms_version: 2, changes: amendment.data.changes, not_applied: ['/minimum_tender_condition_bp'] }),
    ]);
    expect(state.provenance.facts['terms.consideration'].event_id).toBe('terms_amended');
    expect(state.provenance.facts['terms.headline_value']).toBeUndefined();
  });

  it('cannot place a change inside consideration known only in words, and says so', () => {
    given(announced({ consideration: 'cash' }))
      .when(
        deal(
          'terms_amended',
          { terms_version: 2, changes: [{ op: 'replace', path: '/consideration/per_share', to: { amount_minor: 1, currency: 'USD' } }] },
          { on: '2021-01-01' },
        ),
      )
      .then({ terms: { terms_version: 2, consideration: 'cash' }, amendments: [{ not_applied: ['/consideration/per_share'] }] });
  });

  it('still takes the legacy object of new terms', () => {
    given(announced())
      .when(deal('terms_amended', { terms_version: 2, changes: { headline_value: 'about $35bn' } }, { on: '2021-01-01' }))
      .then({ terms: { terms_version: 2, headline_value: 'about $35bn' } });
  });

  it('keeps every fee of a termination, itemised or in words, and moots the open reviews', () => {
    const fee = {
      kind: 'termination_fee',
      amount: { amount_minor: 100_000_000_000, currency: 'USD' },
      payer: 'Adobe',
      payee: { company_id: 'company:figma' },
    };
    given(announced(), deal('review_opened', { review_id: 'gb-cma-1', jurisdiction: 'GB', phase: 'phase_2' }, { on: '2023-07' }))
      .when(
        deal('terminated', { reason: 'regulatory_challenges', fees: [fee, 'a further fee in words'], mutual: true }, { on: '2023-12-17' }),
      )
      .then({
        status: 'terminated',
        termination: { reason: 'regulatory_challenges', fees: [fee, 'a further fee in words'], details: { mutual: true } },
        reviews: [{ review_id: 'gb-cma-1', state: 'moot', phase: 'phase_2' }],
        provenance: { facts: { 'reviews.gb-cma-1.state': { event_id: 'terminated' } } },
      });
  });
});
