import type { RuleSentence } from '../stream/rule-sentences.js';

/** What company.decide checks, a sentence each. */
export const COMPANY_RULES: readonly RuleSentence[] = [
  { code: 'merged', sentence: 'Only meta-events may follow the merge of a duplicate company.', types: '*' },
  { code: 'already_registered', sentence: 'A company is registered once.', types: ['company.registered'] },
  {
    code: 'duplicate_alias',
    sentence: 'An alias already known (ignoring case, diacritics and spacing) is not added again.',
    types: ['company.registered', 'company.alias_added'],
  },
  {
    code: 'already_in_country',
    sentence: 'A relocation that changes nothing, or repeats the last move, is refused.',
    types: ['company.relocated'],
  },
  { code: 'merge_into_self', sentence: 'A company cannot be merged into itself.', types: ['company.duplicate_merged'] },
];
