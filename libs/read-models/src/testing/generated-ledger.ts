import { randomUUID } from 'node:crypto';
import { seedProposals } from './seed-events.js';

type Proposal = Record<string, unknown>;

// Subjects and company ids of the seed, which each copy renames.
const SEED_IDS = /"((?:company|listing|acquisition|chiptrade|signal):[a-z0-9-]+)"/g;

/**
 * Copies `from`…`from + count - 1` of the seed article's world, valid for ingest: each with its own
 * slugs (`company:zhipu-g7`) and event ids, plus an export-control rule issued and amended, a
 * correction of a listing's proceeds and a retraction of a price move. About 36 events a copy, over
 * some 20 short streams, in an order the domain's rules accept.
 */
export function generatedProposals(count: number, from = 0): Proposal[] {
  const seed = JSON.stringify(seedProposals());
  return Array.from({ length: count }, (_, offset) => copy(seed, from + offset)).flat();
}

function copy(seed: string, n: number): Proposal[] {
  const events = (JSON.parse(seed.replace(SEED_IDS, `"$1-g${n}"`)) as Proposal[]).map((event): Proposal => ({ ...event, event_id: randomUUID() }));
  const listing = `listing:zhipu-xhkg-2026-g${n}`;
  const priced = events.find((e) => e.subject === listing && e.type === 'listing.priced')!;
  const moved = events.find((e) => e.subject === listing && e.type === 'listing.price_move_reported')!;
  const rule = `rule:us-bis-2025-01-13-g${n}`;
  const source = events[0].source;
  const meta = (type: string, data: Proposal) => ({
    event_id: randomUUID(),
    type,
    subject: listing,
    occurred_on: null,
    occurred_precision: 'unknown',
    data,
    source,
  });
  return [
    ...events,
    {
      event_id: randomUUID(),
      type: 'rule.issued',
      subject: rule,
      occurred_on: '2025-01-13',
      occurred_precision: 'day',
      data: { authority: { code: 'US-BIS' }, title: `Advanced computing items, copy ${n}`, destinations: ['CN'], review_policy: 'case_by_case' },
      source,
    },
    {
      event_id: randomUUID(),
      type: 'rule.amended',
      subject: rule,
      occurred_on: '2025-04-15',
      occurred_precision: 'day',
      data: { summary: 'adds H20', effective_on: '2025-04-15' },
      source,
    },
    meta('fact.corrected', {
      target_event_id: priced.event_id,
      kind: 'error',
      patch: [{ op: 'replace', path: '/data/gross_proceeds/amount_minor', value: 57_000_000_000 + n }],
      reason: 'the prospectus figure',
    }),
    meta('fact.retracted', { target_event_id: moved.event_id, reason: 'source_retracted' }),
  ];
}
