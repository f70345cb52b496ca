import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { AcquisitionState } from './acquisition/acquisition.state.js';
import { checkAppend } from './check-append.js';
import type { ChipTradeState } from './chiptrade/chiptrade.state.js';
import type { CompanyState } from './company/company.state.js';
import type { StoredEvent } from './envelope/envelope.types.js';
import { parseProposal } from './envelope/parse-proposal.js';
import { companyIdOf } from './values/company-ref.js';
import { foldSubject } from './fold-subject.js';
import type { ListingState } from './listing/listing.state.js';

const lines = readFileSync(new URL('../../../data/seed-article.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);

function replay(): Map<string, StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  lines.forEach((line, i) => {
    const result = parseProposal(JSON.parse(line), () => {
      throw new Error(`line ${i + 1} has no event_id`);
    });
    if (!result.ok) throw new Error(`line ${i + 1}: ${JSON.stringify(result.errors)}`);
    const { event } = result;
    const history = streams.get(event.subject) ?? [];
    expect(result.expected_version).toBe(history.length);
    const now = new Date(Date.UTC(2026, 1, 11, 12, 0, i)).toISOString();
    checkAppend(event.subject, history, [event], now);
    streams.set(event.subject, [...history, { ...event, version: history.length + 1, global_position: i + 1, recorded_at: now }]);
  });
  return streams;
}

describe('seed-article.jsonl', () => {
  const streams = replay();
  const fold = <S>(subject: string) => foldSubject(subject, streams.get(subject) ?? []) as S;

  it('replays all 32 events without a rejection', () => {
    expect([...streams.values()].flat()).toHaveLength(32);
  });

  it('leaves both listings trading on XHKG with their approximate USD proceeds', () => {
    for (const [subject, amount] of [
      ['listing:zhipu-xhkg-2026', 56_000_000_000],
      ['listing:minimax-xhkg-2026', 62_000_000_000],
    ] as const) {
      const listing = fold<ListingState>(subject);
      expect(listing).toMatchObject({
        status: 'trading',
        venue: { mic: 'XHKG' },
        gross_proceeds: { amount_minor: amount, currency: 'USD', approximate: true },
        version: 3,
        confidence: 'reported',
      });
      expect(listing.price_moves).toEqual([expect.objectContaining({ direction: 'up' })]);
    }
  });

  it('has Meta acquiring Manus under one open, unspecified review in CN', () => {
    const deal = fold<AcquisitionState>('acquisition:meta-manus-2025');
    expect(deal).toMatchObject({
      status: 'under_review',
      acquirer: { company_id: 'company:meta' },
      target: { company_id: 'company:manus' },
      dates: { announced_on: { date: '2025-12-01', precision: 'month' } },
    });
    expect(deal.reviews).toEqual([
      expect.objectContaining({
        review_id: 'cn-unspecified-1',
        jurisdiction: 'CN',
        regime: 'unspecified',
        state: 'open',
        suspensory: null,
        // Named by no catalog field, kept all the same.
        details: expect.objectContaining({ reported_possible_outcomes: ['deal_cancelled'] }),
      }),
    ]);
  });

  it('records the H200 export authorization and four conditional import approvals, not officially approved', () => {
    const corridor = fold<ChipTradeState>('chiptrade:nvidia-h200-us-cn');
    expect(corridor.export).toMatchObject({ state: 'licence_required', authorization_announced: true });
    expect(corridor.import.state).toBe('approved_conditional');
    expect(corridor.import.official_status).toBe('not_officially_approved');
    expect(corridor.import.approvals.map((a) => [companyIdOf(a.importer), a.state, a.confidence]).sort()).toEqual([
      ['company:alibaba', 'approved_conditional', 'anonymous_sources'],
      ['company:bytedance', 'approved_conditional', 'anonymous_sources'],
      ['company:deepseek', 'approved_conditional', 'anonymous_sources'],
      ['company:tencent', 'approved_conditional', 'anonymous_sources'],
    ]);
    expect(corridor.confidence).toBe('reported');
  });

  it('registers Tencent with its key hire, and only references OpenAI', () => {
    const tencent = fold<CompanyState>('company:tencent');
    expect(tencent).toMatchObject({ registered: true, display_name: 'Tencent' });
    expect(tencent.key_people).toEqual([
      expect.objectContaining({
        name: 'Yao Shunyu',
        role: 'chief AI scientist',
        previous_employer: expect.objectContaining({ company_id: 'company:openai' }),
      }),
    ]);
    expect(streams.has('company:openai')).toBe(false);
    expect(fold<CompanyState>('company:openai').registered).toBe(false);
    const touchingOpenAi = [...streams.values()].flat().filter((e) => e.companies.includes('company:openai'));
    expect(touchingOpenAi.map((e) => e.type)).toEqual(['company.key_person_hired']);
  });

  it('keeps Z.ai as an alias of Zhipu and Manus relocated to Singapore', () => {
    expect(fold<CompanyState>('company:zhipu').aliases.map((a) => a.name)).toEqual(['Z.ai', 'Zhipu']);
    expect(fold<CompanyState>('company:manus')).toMatchObject({ headquarters_country: 'SG', founded_in_country: 'CN' });
  });
});
