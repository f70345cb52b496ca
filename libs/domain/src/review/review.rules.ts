import type { RuleSentence } from '../stream/rule-sentences.js';

/** What review.decide checks for the reviews of an aggregate, given that aggregate's review event types, a sentence each. */
export function reviewRules(reviewTypes: readonly string[]): RuleSentence[] {
  const named = (...suffixes: string[]) => reviewTypes.filter((type) => suffixes.some((suffix) => type.endsWith(`.${suffix}`)));
  return [
    {
      code: 'review_not_open',
      sentence: 'A review cannot become known by a phase change or a resumption.',
      types: named('review_phase_changed', 'review_resumed'),
    },
    { code: 'review_already_open', sentence: 'A review_id is opened only once.', types: named('review_opened') },
    { code: 'review_terminal', sentence: 'Nothing happens on a review once it is decided, closed, withdrawn or moot.', types: reviewTypes },
    { code: 'review_not_suspended', sentence: 'Only a suspended review can resume.', types: named('review_resumed') },
    { code: 'review_phase_regression', sentence: 'A review does not move back to an earlier phase.', types: named('review_phase_changed') },
  ];
}

/** The review rules' sentences, for review.decide (which types they constrain depends on the aggregate). */
export const REVIEW_SENTENCES = reviewRules([]);
