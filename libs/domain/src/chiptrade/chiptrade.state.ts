import type { Confidence } from '../confidence.js';
import { initialState, type Bookkeeping } from '../stream/bookkeeping.js';
import type { AuthorityRef } from '../values/authority-ref.js';
import type { Change } from '../values/changes.js';
import type { CompanyRef } from '../values/company-ref.js';
import type { Conditions } from '../values/conditions.js';
import type { Dated } from '../values/dates.js';
import type { ProductRef } from '../values/product-ref.js';
import type { APPROVAL_KINDS, OFFICIAL_STATUSES, ReviewPolicy } from './chiptrade.events.js';

export type ExportState = 'unknown' | 'licence_required' | 'licensed' | 'unrestricted';
export type ImportState = 'unknown' | 'restricted' | 'no_measure' | 'approved_conditional' | 'approved';

type Details = Record<string, unknown>;

/** What an event that ends a record said: its date, its named fields as given, its unnamed keys. */
export interface Statement {
  occurred_on: Dated | null;
  stated: Record<string, unknown>;
  details: Details;
}

export interface ExportApplication {
  application_id: string;
  applicant: CompanyRef | null;
  end_users: CompanyRef[];
  referred_to: AuthorityRef[];
  products: ProductRef[] | null;
  state: 'filed' | 'referred' | 'granted' | 'denied' | 'returned';
  details: Details;
}

export interface ExportLicence {
  application_id: string | null;
  licensee: CompanyRef | null;
  authority: AuthorityRef | null;
  products: ProductRef[] | null;
  state: 'granted' | 'denied' | 'revoked';
  conditions: Conditions;
  quantity: number | null;
  occurred_on: Dated | null;
  confidence: Confidence;
  /** What the revocation said (its scope, products, authority…), once revoked. */
  revocation: Statement | null;
  details: Details;
}

export interface ExportSide {
  state: ExportState;
  authority: AuthorityRef | null;
  legal_basis: string | null;
  rule_id: string | null;
  products: ProductRef[];
  review_policy: ReviewPolicy | null;
  policy_conditions: Conditions;
  policy_changes: {
    from_policy: ReviewPolicy | null;
    to_policy: ReviewPolicy;
    rule_id: string | null;
    occurred_on: Dated | null;
    details: Details;
  }[];
  authorization_announced: boolean;
  authorizations: {
    announced_by: AuthorityRef;
    legal_effect: string | null;
    conditions: Conditions;
    products: ProductRef[] | null;
    occurred_on: Dated | null;
    details: Details;
  }[];
  applications: ExportApplication[];
  licences: ExportLicence[];
  /** Requirement amendments as reported (see applyChanges for what they changed). */
  amendments: {
    changes: Change[] | Record<string, unknown> | string;
    not_applied: string[];
    occurred_on: Dated | null;
    details: Details;
  }[];
  lifted_reason: string | null;
  /** Unnamed keys of the requirement events (origin, destination, impact…). */
  details: Details;
}

export interface ImportRestriction {
  authority: AuthorityRef;
  measure: string | null;
  products: ProductRef[] | null;
  signalled_on: Dated | null;
  details: Details;
}

export interface ImportApproval {
  importer: CompanyRef;
  state: 'approved_conditional' | 'approved' | 'denied';
  approval_kind: (typeof APPROVAL_KINDS)[number] | null;
  authority: AuthorityRef | null;
  quantity: number | null;
  conditions: Conditions;
  products: ProductRef[] | null;
  occurred_on: Dated | null;
  /** Effective confidence of the event that set this approval's state. */
  confidence: Confidence;
  details: Details;
}

export interface ImportSide {
  state: ImportState;
  /** Restrictions in force. */
  restrictions: ImportRestriction[];
  /** Restrictions lifted, with what the lifting said. */
  lifted_restrictions: (ImportRestriction & { lifting: Statement })[];
  /** Latest official status reported; kept beside the approvals, never inferred from them. */
  official_status: (typeof OFFICIAL_STATUSES)[number] | null;
  official_status_on: Dated | null;
  approvals: ImportApproval[];
  details: Details;
}

export interface ChipTradeState extends Bookkeeping {
  kind: 'chiptrade';
  export: ExportSide;
  import: ImportSide;
}

export function initialChipTrade(subject: string): ChipTradeState {
  return initialState<ChipTradeState>(subject, {
    kind: 'chiptrade',
    export: {
      state: 'unknown',
      authority: null,
      legal_basis: null,
      rule_id: null,
      products: [],
      review_policy: null,
      policy_conditions: [],
      policy_changes: [],
      authorization_announced: false,
      authorizations: [],
      applications: [],
      licences: [],
      amendments: [],
      lifted_reason: null,
      details: {},
    },
    import: {
      state: 'unknown',
      restrictions: [],
      lifted_restrictions: [],
      official_status: null,
      official_status_on: null,
      approvals: [],
      details: {},
    },
  });
}
