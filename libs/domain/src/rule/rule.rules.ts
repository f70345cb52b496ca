import type { RuleSentence } from '../stream/rule-sentences.js';

/** What rule.decide checks, a sentence each. */
export const RULE_RULES: readonly RuleSentence[] = [
  { code: 'rescinded', sentence: 'Only meta-events may follow the rescission of a rule.', types: '*' },
  { code: 'already_issued', sentence: 'A rule is issued once; amend it instead.', types: ['rule.issued'] },
];
