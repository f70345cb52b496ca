import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { AcquisitionState } from './acquisition/acquisition.state.js';
import { checkAppend } from './check-append.js';
import type { ChipTradeState } from './chiptrade/chiptrade.state.js';
import type { CompanyState } from './company/company.state.js';
import type { StoredEvent } from './envelope/envelope.types.js';
import { parseProposal } from './envelope/parse-proposal.js';
import { foldSubject } from './fold-subject.js';
import type { ListingState } from './listing/listing.state.js';
import type { ReviewState } from './review/review.state.js';
import type { RuleState } from './rule/rule.state.js';
import { companyIdOf } from './values/company-ref.js';
import { moneyOf } from './values/money.js';
import { micOf } from './values/venue.js';

// data/real-world-public.jsonl: 88 public reports (2016–2025) in the shapes real news takes. Its
// expected end states and as-of answers are those its notes state; the HTTP and CLI layers check the
// same file through the API.

const lines = readFileSync(new URL('../../../data/real-world-public.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);

interface Replay {
  streams: Map<string, StoredEvent[]>;
  warnings: number;
}

/** Appends every line as the import does (its own recorded_at), one at a time; any refusal fails. */
function replay(): Replay {
  const streams = new Map<string, StoredEvent[]>();
  let warnings = 0;
  lines.forEach((line, i) => {
    const result = parseProposal(JSON.parse(line), () => {
      throw new Error(`line ${i + 1} has no event_id`);
    });
    if (!result.ok) throw new Error(`line ${i + 1}: ${JSON.stringify(result.errors)}`);
    warnings += result.warnings.length;
    const { event } = result;
    const history = streams.get(event.subject) ?? [];
    if (result.expected_version !== history.length) throw new Error(`line ${i + 1}: expected_version ${result.expected_version}`);
    if (event.recorded_at === null) throw new Error(`line ${i + 1} has no recorded_at`);
    checkAppend(event.subject, history, [event], event.recorded_at);
    streams.set(event.subject, [
      ...history,
      { ...event, version: history.length + 1, global_position: i + 1, recorded_at: event.recorded_at },
    ]);
  });
  return { streams, warnings };
}

const { streams, warnings } = replay();

/** The state now, or as the ledger knew it at `asOf` (recorded time). */
function fold<S>(subject: string, asOf?: string): S {
  const events = (streams.get(subject) ?? []).filter((e) => asOf === undefined || Date.parse(e.recorded_at) <= Date.parse(asOf));
  return foldSubject(subject, events) as S;
}

const review = (deal: { reviews: ReviewState[] }, id: string): ReviewState => {
  const found = deal.reviews.find((r) => r.review_id === id);
  if (!found) throw new Error(`no review ${id}`);
  return found;
};
const day = (date: string) => ({ date, precision: 'day' });
const usd = (amount_minor: number) => expect.objectContaining({ amount_minor, currency: 'USD' });

describe('real-world-public.jsonl', () => {
  it('replays all 88 events on 31 subjects without a rejection, keeping unnamed keys as warnings', () => {
    expect([...streams.values()].flat()).toHaveLength(88);
    expect(streams.size).toBe(31);
    expect(warnings).toBeGreaterThan(0);
  });

  describe('acquisitions', () => {
    it('qualcomm-nxp-2016: terminated at terms v2, EU cleared with three conditions, Mofcom refiled and moot, a USD 2bn fee', () => {
      const deal = fold<AcquisitionState>('acquisition:qualcomm-nxp-2016');
      expect(deal).toMatchObject({ status: 'terminated', dates: { terminated_on: day('2018-07-26') } });
      expect(deal.terms).toMatchObject({ terms_version: 2, consideration: { type: 'cash', per_share: usd(12_750) } });
      expect(deal.amendments).toEqual([expect.objectContaining({ terms_version: 2, not_applied: ['/minimum_tender_condition_bp'] })]);
      const eu = review(deal, 'eu-ec-1');
      expect(eu).toMatchObject({
        state: 'decided',
        outcome: 'cleared_with_conditions',
        opened_on: { date: '2017-06-01', precision: 'month' },
      });
      expect(eu.also_stated).toEqual({ authority: [{ code: 'EU-EC', name_as_reported: 'European Commission' }] });
      expect(eu.conditions).toEqual([
        expect.objectContaining({ type: 'licence', duration_months: 96 }),
        expect.objectContaining({ type: 'interoperability', duration_months: 96 }),
        expect.objectContaining({ type: 'ip_divestiture', duration_months: 36 }),
      ]);
      expect(review(deal, 'cn-mofcom-1')).toMatchObject({ state: 'withdrawn', end_reason: 'pull_and_refile' });
      expect(review(deal, 'cn-mofcom-2')).toMatchObject({ state: 'moot', details: { authority_at_end_date: { code: 'CN-SAMR' } } });
      expect(deal.termination?.fees).toEqual([
        expect.objectContaining({
          kind: 'termination_fee',
          amount: usd(200_000_000_000),
          payer: expect.objectContaining({ company_id: 'company:qualcomm' }),
          payee: expect.objectContaining({ company_id: 'company:nxp' }),
        }),
      ]);
    });

    it('nvidia-mellanox-2019: completed; China cleared with four conditions by SAMR after the refinement, officially', () => {
      const deal = fold<AcquisitionState>('acquisition:nvidia-mellanox-2019');
      expect(deal).toMatchObject({
        status: 'completed',
        dates: { completed_on: day('2020-04-27') },
        value_at_close: { amount_minor: 700_000_000_000, currency: 'USD', approximate: true },
      });
      expect(review(deal, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });
      const china = review(deal, 'cn-1');
      expect(china).toMatchObject({
        state: 'decided',
        outcome: 'cleared_with_conditions',
        authority: { code: 'CN-SAMR' },
        opened_on: day('2019-04-24'),
      });
      expect(china.conditions).toHaveLength(4);
      expect(deal.provenance.facts['reviews.cn-1.outcome']).toMatchObject({
        type: 'acquisition.review_decided',
        confidence: 'reported',
        effective_confidence: 'official',
        corrected_by: [expect.objectContaining({ kind: 'refinement' })],
        corroborated_by: [expect.any(String)],
      });
    });

    it('adobe-figma-2022: terminated on 2023-12-17 after the error correction, both phase-2 reviews moot, the refined consideration', () => {
      const deal = fold<AcquisitionState>('acquisition:adobe-figma-2022');
      expect(deal).toMatchObject({ status: 'terminated', dates: { terminated_on: day('2023-12-17') } });
      expect(deal.provenance.facts['dates.terminated_on'].corrected_by).toEqual([expect.objectContaining({ kind: 'error' })]);
      expect(deal.termination?.fees).toEqual([
        expect.objectContaining({
          amount: usd(100_000_000_000),
          payer: expect.objectContaining({ company_id: 'company:adobe' }),
          payee: expect.objectContaining({ company_id: 'company:figma' }),
        }),
      ]);
      const cma = review(deal, 'gb-cma-1');
      expect(cma).toMatchObject({ state: 'moot', phase: 'phase_2', statutory_deadline: '2024-02-25' });
      expect(cma.objections).toEqual([expect.objectContaining({ kind: 'provisional_findings', occurred_on: day('2023-11-28') })]);
      expect(cma.steps.map((s) => s.step)).toEqual(['review_phase_changed', 'review_deadline_extended']);
      const ec = review(deal, 'eu-ec-1');
      expect(ec).toMatchObject({ state: 'moot', phase: 'phase_2' });
      expect(ec.objections).toEqual([expect.objectContaining({ kind: 'statement_of_objections' })]);
      expect(deal.terms.consideration).toMatchObject({
        type: 'mixed',
        exchange_ratio: '0.045263',
        components: expect.arrayContaining([
          expect.objectContaining({ kind: 'stock', exchange_ratio: '0.045263' }),
          expect.objectContaining({ kind: 'cash', per_share_exact: { amount: '22.4795', currency: 'USD' } }),
        ]),
      });
    });

    it('cisco-splunk-2023 and hpe-juniper-2024: completed; the DOJ review known from its lawsuit, settled with two conditions', () => {
      const splunk = fold<AcquisitionState>('acquisition:cisco-splunk-2023');
      expect(splunk).toMatchObject({ status: 'completed', dates: { completed_on: day('2024-03-18') } });
      expect(review(splunk, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });

      const juniper = fold<AcquisitionState>('acquisition:hpe-juniper-2024');
      expect(juniper).toMatchObject({
        status: 'completed',
        dates: { completed_on: day('2025-07-02') },
        value_at_close: { amount_minor: 1_340_000_000_000, currency: 'USD', approximate: true },
      });
      expect(review(juniper, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });
      const doj = review(juniper, 'us-doj-1');
      expect(doj).toMatchObject({
        state: 'decided',
        outcome: 'cleared_with_conditions',
        opened_on: null,
        authority: { code: 'US-DOJ' },
        details: { court_approval_pending: true },
      });
      expect(doj.conditions).toHaveLength(2);
      expect(doj.objections).toEqual([expect.objectContaining({ kind: 'lawsuit' })]);
    });
  });

  describe('listings', () => {
    it('reddit-xnys-2024: trading on XNYS at USD 34.00, USD 748M raised, closing at 50.44', () => {
      expect(fold<ListingState>('listing:reddit-xnys-2024')).toMatchObject({
        status: 'trading',
        venue: { mic: 'XNYS' },
        ticker: 'RDDT',
        offer_price: usd(3_400),
        gross_proceeds: usd(74_800_000_000),
        valuation: { amount: usd(640_000_000_000), basis: 'fully_diluted' },
        first_day: { first_day_close: usd(5_044), first_day_change_bp: 4835 },
      });
    });

    it('kioxia: the 2020 attempt postponed; the 2024 one trading after its TSE approval, the close corrected to JPY 1,601', () => {
      expect(fold<ListingState>('listing:kioxia-xtks-2020')).toMatchObject({ status: 'postponed', venue: { mic: 'XTKS' } });
      const kioxia = fold<ListingState>('listing:kioxia-xtks-2024');
      expect(kioxia).toMatchObject({
        status: 'trading',
        venue: { mic: 'XTKS' },
        offer_price: { amount_minor: 1_455, currency: 'JPY' },
        gross_proceeds: null,
        valuation: { amount: { amount_minor: 784_000_000_000, currency: 'JPY' }, basis: 'market_capitalisation_at_offer_price' },
        first_day: { first_day_close: { amount_minor: 1_601, currency: 'JPY' }, first_day_change_bp: 1003 },
        previous_listing_id: 'listing:kioxia-xtks-2020',
      });
      expect(review(kioxia, 'jp-tse-1')).toMatchObject({
        state: 'decided',
        outcome: 'cleared',
        details: { outcome_label_mapped: expect.any(String) },
      });
      expect(kioxia.provenance.facts.first_day.corrected_by).toEqual([expect.objectContaining({ kind: 'error' })]);
    });

    it('black-sesame-xhkg-2024: trading on XHKG as 2533; the pricing corroborated to confirmed', () => {
      const listing = fold<ListingState>('listing:black-sesame-xhkg-2024');
      expect(listing).toMatchObject({
        status: 'trading',
        venue: { mic: 'XHKG' },
        ticker: '2533',
        offer_price: { amount_minor: 2_800, currency: 'HKD' },
        gross_proceeds: { amount_minor: 104_000_000_000, currency: 'HKD', approximate: true },
        first_day: { first_day_close: { amount_minor: 2_045, currency: 'HKD' }, first_day_change_bp: -2696 },
      });
      expect(listing.provenance.facts.offer_price).toMatchObject({
        type: 'listing.priced',
        confidence: 'anonymous_sources',
        effective_confidence: 'confirmed',
      });
    });

    it("shein: three attempts filed; the US one with no exchange and its CSRC filing open, London's FCA approval", () => {
      const us = fold<ListingState>('listing:shein-us-2023');
      expect(us).toMatchObject({ status: 'filed', venue: null, details: { venue_as_reported: 'the US' } });
      expect(review(us, 'cn-csrc-1')).toMatchObject({ state: 'open', regime: 'unspecified' });
      const london = fold<ListingState>('listing:shein-xlon-2024');
      expect(london).toMatchObject({ status: 'filed', venue: { mic: 'XLON' } });
      expect(review(london, 'gb-fca-1')).toMatchObject({ state: 'decided', outcome: 'cleared' });
      expect(fold<ListingState>('listing:shein-xhkg-2025')).toMatchObject({
        status: 'filed',
        venue: { mic: 'XHKG' },
        dates: { filed_on: { date: '2025-01-01', precision: 'year' } },
        details: { occurred_window: expect.objectContaining({ start: '2025-06-30' }) },
      });
    });

    it('groups into the venue statistics the notes give: listings per MIC and the proceeds that have a number', () => {
      const listings = [...streams.keys()].filter((s) => s.startsWith('listing:')).map((s) => fold<ListingState>(s));
      const byVenue = new Map<string | null, { listings: number; proceeds: Map<string, number> }>();
      for (const listing of listings) {
        const group = byVenue.get(micOf(listing.venue)) ?? { listings: 0, proceeds: new Map() };
        const proceeds = moneyOf(listing.gross_proceeds);
        if (proceeds) group.proceeds.set(proceeds.currency, (group.proceeds.get(proceeds.currency) ?? 0) + proceeds.amount_minor);
        byVenue.set(micOf(listing.venue), { ...group, listings: group.listings + 1 });
      }
      const summary = Object.fromEntries([...byVenue].map(([mic, g]) => [String(mic), [g.listings, Object.fromEntries(g.proceeds)]]));
      expect(summary).toEqual({
        XNYS: [1, { USD: 74_800_000_000 }],
        XTKS: [2, {}],
        XHKG: [2, { HKD: 104_000_000_000 }],
        XLON: [1, {}],
        null: [1, {}],
      });
    });
  });

  describe('chip trade and rules', () => {
    it('asml-duv-immersion-nl-cn: licence required, one licence granted then partly revoked, two products added', () => {
      const corridor = fold<ChipTradeState>('chiptrade:asml-duv-immersion-nl-cn');
      expect(corridor.export).toMatchObject({ state: 'licence_required', review_policy: null });
      expect(corridor.export.licences).toEqual([
        expect.objectContaining({
          state: 'revoked',
          revocation: expect.objectContaining({ details: expect.objectContaining({ scope: 'partial' }) }),
        }),
      ]);
      expect(corridor.export.products.map((p) => (typeof p === 'string' ? p : p.product_id))).toEqual([
        'product:asml-twinscan-nxt-2000i',
        'product:asml-twinscan-nxt-2050i',
        'product:asml-twinscan-nxt-2100i',
        'product:asml-twinscan-nxt-1970i',
        'product:asml-twinscan-nxt-1980i',
      ]);
      expect(corridor.export.amendments).toEqual([expect.objectContaining({ not_applied: ['/licensing_authority'] })]);
      expect(corridor.import.state).toBe('unknown');
    });

    it('amd-mi308-us-cn: licensed under a 15 % revenue share; import restricted once (the duplicate retracted) by "Chinese authorities"', () => {
      const corridor = fold<ChipTradeState>('chiptrade:amd-mi308-us-cn');
      expect(corridor.export).toMatchObject({
        state: 'licensed',
        authorization_announced: true,
        authorizations: [expect.objectContaining({ conditions: [expect.objectContaining({ type: 'revenue_share', rate_bp: 1500 })] })],
        applications: [expect.objectContaining({ application_id: 'ledger:amd-mi308-cn-1', state: 'granted' })],
        licences: [expect.objectContaining({ state: 'granted', confidence: 'confirmed' })],
      });
      expect(corridor.import).toMatchObject({
        state: 'restricted',
        official_status: null,
        restrictions: [{ measure: 'purchase_guidance', authority: { code: null, name_as_reported: 'Chinese authorities' } }],
      });
      expect(corridor.provenance.facts['import.restrictions.chinese authorities|purchase_guidance'].effective_confidence).toBe(
        'anonymous_sources',
      );
      expect(corridor.provenance.retracted_event_ids).toHaveLength(1);
    });

    it('the Dutch rule is in force', () => {
      expect(fold<RuleState>('rule:nl-mfa-2023-06-30-advanced-semiconductor-equipment')).toMatchObject({
        status: 'in_force',
        authority: { code: 'NL-MFA' },
        published_on: '2023-06-30',
        effective_on: '2023-09-01',
      });
    });
  });

  describe('companies', () => {
    const companies = [...streams.keys()].filter((s) => s.startsWith('company:'));

    it('registers all sixteen, each where the notes place its headquarters; Shein in Singapore after its relocation', () => {
      const countries = Object.fromEntries(
        companies
          .map((s) => [s.slice('company:'.length), fold<CompanyState>(s)])
          .map(([id, c]) => [id, (c as CompanyState).headquarters_country]),
      );
      expect(companies.every((s) => fold<CompanyState>(s).registered)).toBe(true);
      expect(countries).toEqual({
        qualcomm: 'US',
        nxp: 'NL',
        nvidia: 'US',
        mellanox: 'IL',
        adobe: 'US',
        figma: null,
        cisco: 'US',
        splunk: 'US',
        hpe: 'US',
        juniper: 'US',
        reddit: 'US',
        kioxia: 'JP',
        'black-sesame': 'CN',
        shein: 'SG',
        asml: 'NL',
        amd: 'US',
      });
      expect(fold<CompanyState>('company:shein')).toMatchObject({
        founded_in_country: 'CN',
        relocations: [{ from_country: 'CN', to_country: 'SG', occurred_on: { date: '2022-01-01', precision: 'year' } }],
      });
    });

    it('keeps the names search matches, in every script', () => {
      const names = (id: string) => fold<CompanyState>(`company:${id}`).aliases.map((a) => a.name);
      expect(names('kioxia')).toEqual(expect.arrayContaining(['キオクシア', 'Toshiba Memory']));
      expect(names('shein')).toContain('希音');
      expect(names('black-sesame')).toContain('黑芝麻智能');
      expect(fold<CompanyState>('company:nvidia').legal_name).toBe('NVIDIA Corporation');
    });

    it('names no company that is not registered', () => {
      const named = new Set([...streams.values()].flat().flatMap((e) => e.companies));
      expect([...named].filter((id) => !streams.has(id))).toEqual([]);
      expect(companyIdOf(fold<AcquisitionState>('acquisition:hpe-juniper-2024').target)).toBe('company:juniper');
    });
  });

  describe('as of a past moment (recorded time)', () => {
    it('qualcomm-nxp-2016 at the end of April 2018: under review at terms v2, the refiled Mofcom review open, no fee', () => {
      const deal = fold<AcquisitionState>('acquisition:qualcomm-nxp-2016', '2018-04-30T23:59:59.999Z');
      expect(deal).toMatchObject({
        status: 'under_review',
        terms: { terms_version: 2, consideration: { per_share: usd(12_750) } },
        termination: null,
      });
      expect(review(deal, 'eu-ec-1')).toMatchObject({ state: 'decided', outcome: 'cleared_with_conditions' });
      expect(review(deal, 'cn-mofcom-1')).toMatchObject({ state: 'withdrawn', end_reason: 'pull_and_refile' });
      expect(review(deal, 'cn-mofcom-2')).toMatchObject({ state: 'open', phase: 'unspecified' });
    });

    it('nvidia-mellanox-2019 on 2020-04-18: cleared by an authority with no code, opening unknown, already official', () => {
      const deal = fold<AcquisitionState>('acquisition:nvidia-mellanox-2019', '2020-04-18T23:59:59.999Z');
      expect(deal.status).toBe('cleared');
      expect(review(deal, 'cn-1')).toMatchObject({
        state: 'decided',
        outcome: 'cleared',
        authority: { code: null, name_as_reported: 'Chinese authorities' },
        opened_on: null,
      });
      expect(deal.provenance.facts['reviews.cn-1.outcome'].effective_confidence).toBe('official');
    });

    it('kioxia-xtks-2024 on 2024-12-18 shows the first-day close first reported, before the error was corrected', () => {
      expect(fold<ListingState>('listing:kioxia-xtks-2024', '2024-12-18T23:59:59.999Z').first_day).toMatchObject({
        first_day_close: { amount_minor: 1_606, currency: 'JPY' },
        first_day_change_bp: 1040,
      });
    });

    it('adobe-figma-2022 on 2023-12-18 still dated the termination 2023-12-18', () => {
      expect(fold<AcquisitionState>('acquisition:adobe-figma-2022', '2023-12-18T23:59:59Z').dates.terminated_on).toEqual(day('2023-12-18'));
    });
  });
});
