import { reviewRules } from '../review/review.rules.js';
import type { RuleSentence } from '../stream/rule-sentences.js';

const REVIEW_TYPES = [
  'listing.review_opened',
  'listing.review_phase_changed',
  'listing.review_deadline_extended',
  'listing.review_suspended',
  'listing.review_resumed',
  'listing.review_decided',
  'listing.review_closed_without_decision',
  'listing.review_withdrawn',
];

/** What listing.decide checks, a sentence each (GET /v1/catalog shows them beside each type). */
export const LISTING_RULES: readonly RuleSentence[] = [
  { code: 'closed', sentence: 'Only meta-events may follow a withdrawal or a delisting.', types: '*' },
  {
    code: 'invalid_transition',
    sentence: 'A listing does not move backward along planned → filed → marketing → priced → trading.',
    types: [
      'listing.plan_reported',
      'listing.filed',
      'listing.terms_set',
      'listing.terms_revised',
      'listing.priced',
      'listing.trading_started',
    ],
  },
  { code: 'invalid_transition', sentence: 'A listing can be postponed only before it is priced.', types: ['listing.postponed'] },
  { code: 'not_postponed', sentence: 'Only a postponed listing can resume.', types: ['listing.resumed'] },
  { code: 'withdrawn_after_trading', sentence: 'A listing that has started trading cannot be withdrawn.', types: ['listing.withdrawn'] },
  {
    code: 'not_trading',
    sentence: 'Only a trading listing can have a price move or a delisting.',
    types: ['listing.price_move_reported', 'listing.delisted'],
  },
  ...reviewRules(REVIEW_TYPES),
];
