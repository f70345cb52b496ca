import type { RuleSentence } from '../stream/rule-sentences.js';

/** What resolve-meta checks of a meta-event, a sentence each. */
export const META_RULES: readonly RuleSentence[] = [
  { code: 'meta_target_not_found', sentence: 'The target event must be earlier in the same stream.', types: '*' },
  {
    code: 'meta_target_invalid',
    sentence: 'Corrections and corroborations apply to facts, not to other meta-events; only a retraction may target one.',
    types: ['fact.corrected', 'fact.corroborated'],
  },
  {
    code: 'correction_invalid',
    sentence: 'A correction must apply cleanly to its target and leave a valid event.',
    types: ['fact.corrected'],
  },
];
