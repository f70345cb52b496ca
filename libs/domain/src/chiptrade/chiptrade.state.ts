import type { Confidence } from '../confidence.js';
import type { AuthorityRef, CompanyRef } from '../envelope/value-types.js';
import { emptyBookkeeping, type Bookkeeping } from '../stream/bookkeeping.js';
import type { APPROVAL_KINDS, IMPORT_MEASURES, OFFICIAL_STATUSES, ReviewPolicy } from './chiptrade.events.js';

export type ExportState = 'unknown' | 'licence_required' | 'licensed' | 'unrestricted';
export type ImportState = 'unknown' | 'restricted' | 'no_measure' | 'approved_conditional' | 'approved';

export interface ExportApplication {
  application_id: string;
  applicant: CompanyRef | null;
  end_users: CompanyRef[];
  referred_to: AuthorityRef[];
  state: 'filed' | 'referred' | 'granted' | 'denied' | 'returned';
  last_event_id: string;
}

export interface ExportLicence {
  application_id: string | null;
  licensee: CompanyRef | null;
  state: 'granted' | 'denied' | 'revoked';
  conditions: unknown[];
  quantity: number | null;
  occurred_on: string | null;
  confidence: Confidence;
  event_id: string;
}

export interface ExportSide {
  state: ExportState;
  /** The event that set `state`, named when a rule breaks. */
  state_event_id: string | null;
  authority: AuthorityRef | null;
  legal_basis: string | null;
  rule_id: string | null;
  products: string[];
  review_policy: ReviewPolicy | null;
  policy_conditions: unknown[];
  authorization_announced: boolean;
  authorizations: {
    announced_by: AuthorityRef;
    legal_effect: string | null;
    conditions: unknown[];
    occurred_on: string | null;
    event_id: string;
  }[];
  applications: ExportApplication[];
  licences: ExportLicence[];
}

export interface ImportRestriction {
  authority: AuthorityRef;
  measure: (typeof IMPORT_MEASURES)[number] | null;
  signalled_on: string | null;
  event_id: string;
}

export interface ImportApproval {
  importer: CompanyRef;
  state: 'approved_conditional' | 'approved' | 'denied';
  approval_kind: (typeof APPROVAL_KINDS)[number] | null;
  authority: AuthorityRef | null;
  quantity: number | null;
  conditions: unknown[];
  occurred_on: string | null;
  /** Effective confidence of the event that set this approval's state. */
  confidence: Confidence;
  event_id: string;
}

export interface ImportSide {
  state: ImportState;
  state_event_id: string | null;
  /** Restrictions in force. */
  restrictions: ImportRestriction[];
  /** Latest official status reported; kept beside the approvals, never inferred from them. */
  official_status: (typeof OFFICIAL_STATUSES)[number] | null;
  official_status_on: string | null;
  approvals: ImportApproval[];
}

export interface ChipTradeState extends Bookkeeping {
  kind: 'chiptrade';
  export: ExportSide;
  import: ImportSide;
}

export function initialChipTrade(subject: string): ChipTradeState {
  return {
    ...emptyBookkeeping(subject),
    kind: 'chiptrade',
    export: {
      state: 'unknown',
      state_event_id: null,
      authority: null,
      legal_basis: null,
      rule_id: null,
      products: [],
      review_policy: null,
      policy_conditions: [],
      authorization_announced: false,
      authorizations: [],
      applications: [],
      licences: [],
    },
    import: { state: 'unknown', state_event_id: null, restrictions: [], official_status: null, official_status_on: null, approvals: [] },
  };
}
