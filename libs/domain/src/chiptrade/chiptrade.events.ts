import { z } from 'zod';
import { authorityRef } from '../values/authority-ref.js';
import { changesTo } from '../values/changes.js';
import { companyRef } from '../values/company-ref.js';
import { conditions } from '../values/conditions.js';
import { quantity } from '../values/numbers.js';
import { productList } from '../values/product-ref.js';
import { label, optionalText, text } from '../values/text.js';

export const REVIEW_POLICIES = ['presumption_of_denial', 'case_by_case', 'presumption_of_approval'] as const;
export const IMPORT_MEASURES = ['regulatory_summons', 'customs_not_permitted', 'purchase_guidance', 'security_review', 'ban'] as const;
// Approval kinds and official statuses drive the import side's state: closed sets.
export const APPROVAL_KINDS = ['in_principle', 'conditional', 'final'] as const;
export const OFFICIAL_STATUSES = ['not_officially_approved', 'officially_approved', 'unclear'] as const;
/** Policies and measures describe; no rule turns on their wording, so unlisted ones are kept. */
export type ReviewPolicy = string;

// The side is implied by the type, but every event states it: a mismatch is a malformed event.
const exportSide = { side: z.literal('export') };
const importSide = { side: z.literal('import') };
const reviewPolicy = label(REVIEW_POLICIES, 'review policy');
// Any step of a corridor may concern some of its products only (a licence for two machine models).
const products = { products: productList.nullish() };

/** The requirement a licence_required imposes and an amendment changes. */
export const REQUIREMENT_FIELDS = {
  authority: authorityRef.nullish(),
  legal_basis: optionalText,
  rule_id: optionalText,
  products: productList.nullish(),
  review_policy: reviewPolicy.nullish(),
};
const application = z.strictObject({
  ...exportSide,
  ...products,
  application_id: text,
  applicant: companyRef.nullish(),
  end_users: z.array(companyRef).nullish(),
  // Agencies a case goes to are often named in words ("US Department of State").
  referred_to: z.array(authorityRef).nullish(),
});
const licence = z.strictObject({
  ...exportSide,
  ...products,
  application_id: optionalText,
  licensee: companyRef.nullish(),
  authority: authorityRef.nullish(),
  conditions: conditions.nullish(),
  quantity: quantity.nullish(),
});
const restriction = z.strictObject({
  ...importSide,
  ...products,
  authority: authorityRef,
  measure: label(IMPORT_MEASURES, 'import measure').nullish(),
});
const approval = z.strictObject({
  ...importSide,
  ...products,
  importer: companyRef,
  authority: authorityRef.nullish(),
  approval_kind: z.enum(APPROVAL_KINDS).nullish(),
  quantity: quantity.nullish(),
  conditions: conditions.nullish(),
});

/** Export-side events in lifecycle order. */
export const EXPORT_EVENTS = {
  'chiptrade.export_licence_required': z.strictObject({ ...exportSide, ...REQUIREMENT_FIELDS, authority: authorityRef }),
  'chiptrade.export_requirement_amended': z.strictObject({ ...exportSide, changes: changesTo(REQUIREMENT_FIELDS) }),
  'chiptrade.export_review_policy_changed': z.strictObject({
    ...exportSide,
    from_policy: reviewPolicy.nullish(),
    to_policy: reviewPolicy,
    rule_id: optionalText,
    conditions: conditions.nullish(),
  }),
  'chiptrade.export_authorization_announced': z.strictObject({
    ...exportSide,
    ...products,
    announced_by: authorityRef,
    legal_effect: optionalText,
    conditions: conditions.nullish(),
  }),
  'chiptrade.export_application_filed': application,
  'chiptrade.export_application_referred': application,
  'chiptrade.export_application_returned': application,
  'chiptrade.export_licence_granted': licence,
  'chiptrade.export_licence_denied': licence,
  'chiptrade.export_licence_revoked': licence,
  'chiptrade.export_requirement_lifted': z.strictObject({ ...exportSide, reason: optionalText }),
} as const;

/** Import-side events in lifecycle order. */
export const IMPORT_EVENTS = {
  'chiptrade.import_restriction_signalled': restriction,
  'chiptrade.import_restriction_lifted': restriction,
  'chiptrade.import_approval_granted': approval,
  'chiptrade.import_approval_denied': approval,
  'chiptrade.import_status_reported': z.strictObject({ ...importSide, status: z.enum(OFFICIAL_STATUSES) }),
} as const;

export const CHIPTRADE_EVENTS = { ...EXPORT_EVENTS, ...IMPORT_EVENTS } as const;

export function isExportType(type: string): type is keyof typeof EXPORT_EVENTS {
  return Object.hasOwn(EXPORT_EVENTS, type);
}
