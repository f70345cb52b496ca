import { reviewRules } from '../review/review.rules.js';
import type { RuleSentence } from '../stream/rule-sentences.js';

const REVIEW_TYPES = [
  'acquisition.review_opened',
  'acquisition.review_phase_changed',
  'acquisition.review_deadline_extended',
  'acquisition.review_suspended',
  'acquisition.review_resumed',
  'acquisition.objections_issued',
  'acquisition.remedies_offered',
  'acquisition.review_decided',
  'acquisition.review_closed_without_decision',
  'acquisition.review_withdrawn',
];

/** What acquisition.decide (and review.decide for its reviews) checks, a sentence each. */
export const ACQUISITION_RULES: readonly RuleSentence[] = [
  { code: 'closed', sentence: 'Only meta-events may follow the completion or termination of a deal.', types: '*' },
  {
    code: 'no_deal',
    sentence: 'Terms, closing and review events need a rumored or announced deal.',
    types: [
      'acquisition.terms_amended',
      'acquisition.expected_close_revised',
      'acquisition.completed',
      'acquisition.terminated',
      ...REVIEW_TYPES,
    ],
  },
  { code: 'already_tracked', sentence: 'A deal already tracked cannot be rumored again.', types: ['acquisition.rumored'] },
  { code: 'already_announced', sentence: 'A deal is announced only once.', types: ['acquisition.announced'] },
  { code: 'blocked', sentence: 'A deal blocked by a prohibition cannot complete.', types: ['acquisition.completed'] },
  {
    code: 'review_pending',
    sentence: 'A deal cannot complete while a suspensory (or possibly suspensory) review is open or suspended.',
    types: ['acquisition.completed'],
  },
  ...reviewRules(REVIEW_TYPES),
];
