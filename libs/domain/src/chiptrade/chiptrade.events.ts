import { z } from 'zod';
import { authorityRef, companyRef, openList, optionalText, text } from '../envelope/value-types.js';

export const REVIEW_POLICIES = ['presumption_of_denial', 'case_by_case', 'presumption_of_approval'] as const;
export const IMPORT_MEASURES = ['regulatory_summons', 'customs_not_permitted', 'purchase_guidance', 'security_review', 'ban'] as const;
export const APPROVAL_KINDS = ['in_principle', 'conditional', 'final'] as const;
export const OFFICIAL_STATUSES = ['not_officially_approved', 'officially_approved', 'unclear'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

// The side is implied by the type, but every event states it: a mismatch is a malformed event.
const exportSide = { side: z.literal('export') };
const importSide = { side: z.literal('import') };
const reviewPolicy = z.enum(REVIEW_POLICIES);
const quantity = z.number().int().nonnegative();

const requirement = {
  authority: authorityRef,
  legal_basis: optionalText,
  rule_id: optionalText,
  products: z.array(text).nullish(),
};
const application = z.strictObject({
  ...exportSide,
  application_id: text,
  applicant: companyRef.nullish(),
  end_users: z.array(companyRef).nullish(),
  referred_to: z.array(authorityRef).nullish(),
});
const licence = z.strictObject({
  ...exportSide,
  application_id: optionalText,
  licensee: companyRef.nullish(),
  conditions: openList.nullish(),
  quantity: quantity.nullish(),
});
const restriction = z.strictObject({ ...importSide, authority: authorityRef, measure: z.enum(IMPORT_MEASURES).nullish() });
const approval = z.strictObject({
  ...importSide,
  importer: companyRef,
  authority: authorityRef.nullish(),
  approval_kind: z.enum(APPROVAL_KINDS).nullish(),
  quantity: quantity.nullish(),
  conditions: openList.nullish(),
});

/** Export-side events in lifecycle order. */
export const EXPORT_EVENTS = {
  'chiptrade.export_licence_required': z.strictObject({ ...exportSide, ...requirement, review_policy: reviewPolicy.nullish() }),
  'chiptrade.export_requirement_amended': z.strictObject({
    ...exportSide,
    changes: z.strictObject({ ...requirement, authority: authorityRef.nullish() }),
  }),
  'chiptrade.export_review_policy_changed': z.strictObject({
    ...exportSide,
    from_policy: reviewPolicy.nullish(),
    to_policy: reviewPolicy,
    rule_id: optionalText,
    conditions: openList.nullish(),
  }),
  'chiptrade.export_authorization_announced': z.strictObject({
    ...exportSide,
    announced_by: authorityRef,
    legal_effect: optionalText,
    conditions: openList.nullish(),
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
