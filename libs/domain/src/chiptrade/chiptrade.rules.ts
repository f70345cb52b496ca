import type { RuleSentence } from '../stream/rule-sentences.js';

const APPLICATION_DECISIONS = [
  'chiptrade.export_application_referred',
  'chiptrade.export_application_returned',
  'chiptrade.export_licence_granted',
  'chiptrade.export_licence_denied',
];

/** What export.decide and import.decide check for a trade corridor, a sentence each. */
export const CHIPTRADE_RULES: readonly RuleSentence[] = [
  {
    code: 'export_unrestricted',
    sentence: 'No licence, policy or application events while exports are unrestricted; impose a requirement first.',
    types: [
      'chiptrade.export_requirement_amended',
      'chiptrade.export_review_policy_changed',
      'chiptrade.export_authorization_announced',
      'chiptrade.export_application_filed',
      ...APPLICATION_DECISIONS,
      'chiptrade.export_licence_revoked',
      'chiptrade.export_requirement_lifted',
    ],
  },
  {
    code: 'requirement_in_place',
    sentence: 'A licence requirement already in place is amended, not imposed again.',
    types: ['chiptrade.export_licence_required'],
  },
  { code: 'application_exists', sentence: 'An application is filed once.', types: ['chiptrade.export_application_filed'] },
  { code: 'application_decided', sentence: 'A decided application is not decided again.', types: APPLICATION_DECISIONS },
  { code: 'no_licence', sentence: 'Only a granted licence can be revoked.', types: ['chiptrade.export_licence_revoked'] },
  {
    code: 'importer_already_decided',
    sentence:
      'An importer already approved or denied gets no second approval (a conditional approval may become final or denied); correct the first instead.',
    types: ['chiptrade.import_approval_granted', 'chiptrade.import_approval_denied'],
  },
  { code: 'no_such_restriction', sentence: 'Only a restriction in force can be lifted.', types: ['chiptrade.import_restriction_lifted'] },
];
