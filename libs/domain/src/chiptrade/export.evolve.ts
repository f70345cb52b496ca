import { assertNever } from '../assert-never.js';
import { givenFields } from '../given-fields.js';
import { namedFields, typed, type Fact } from '../stream/fact.js';
import { detailPaths } from '../stream/provenance.js';
import { upsert } from '../upsert.js';
import { applyChanges } from '../values/apply-changes.js';
import type { AuthorityRef } from '../values/authority-ref.js';
import type { CompanyRef } from '../values/company-ref.js';
import { datedOf } from '../values/dates.js';
import type { ProductRef } from '../values/product-ref.js';
import { REQUIREMENT_FIELDS, type EXPORT_EVENTS } from './chiptrade.events.js';
import { grantedLicencesNamed } from './chiptrade.match.js';
import type { ExportApplication, ExportLicence, ExportSide } from './chiptrade.state.js';

/** The export side after an event, and what the event stated (paths inside the side). */
export interface SideChange<S> {
  side: S;
  stated: string[];
}

interface ApplicationData {
  application_id: string;
  applicant?: CompanyRef | null;
  end_users?: CompanyRef[] | null;
  referred_to?: AuthorityRef[] | null;
  products?: ProductRef[] | null;
}

function withApplication(
  side: ExportSide,
  fact: Fact,
  data: ApplicationData,
  state: ExportApplication['state'],
  details = fact.details,
): SideChange<ExportSide> {
  const current = side.applications.find((a) => a.application_id === data.application_id);
  const next: ExportApplication = {
    application_id: data.application_id,
    applicant: data.applicant ?? current?.applicant ?? null,
    end_users: data.end_users ?? current?.end_users ?? [],
    referred_to: [...(current?.referred_to ?? []), ...(data.referred_to ?? [])],
    products: data.products ?? current?.products ?? null,
    state,
    details: { ...current?.details, ...details },
  };
  return {
    side: { ...side, applications: upsert(side.applications, next, (a) => a === current) },
    stated: [`applications.${data.application_id}`],
  };
}

/** The requirement fields a side has, as a document amendments apply to. */
function requirementOf(side: ExportSide) {
  const { authority, legal_basis, rule_id, products, review_policy } = side;
  return { authority, legal_basis, rule_id, products, review_policy };
}

function evolveStep(side: ExportSide, fact: Fact): SideChange<ExportSide> {
  const e = typed<typeof EXPORT_EVENTS>(fact);
  const occurred_on = datedOf(fact.occurred_on, fact.occurred_precision);
  const change = (fields: Partial<ExportSide>, stated: string[] = Object.keys(fields)): SideChange<ExportSide> => ({
    side: { ...side, ...fields },
    stated,
  });
  const withDetails = (fields: Partial<ExportSide>, stated: string[] = Object.keys(fields)) =>
    change({ ...fields, details: { ...side.details, ...fact.details } }, [...stated, ...detailPaths(fact)]);
  switch (e.type) {
    case 'chiptrade.export_licence_required': {
      const { authority, legal_basis, rule_id, products, review_policy } = e.data;
      return withDetails({
        state: 'licence_required',
        authority,
        legal_basis: legal_basis ?? null,
        rule_id: rule_id ?? null,
        products: products ?? [],
        ...givenFields({ review_policy }),
      });
    }
    case 'chiptrade.export_requirement_amended': {
      const { doc, changed, not_applied } = applyChanges(requirementOf(side), e.data.changes, REQUIREMENT_FIELDS);
      const amendment = { changes: e.data.changes, not_applied, occurred_on, details: fact.details };
      return change({ ...doc, products: doc.products ?? [], amendments: [...side.amendments, amendment] }, [
        ...changed,
        `amendments.${side.amendments.length}`,
      ]);
    }
    case 'chiptrade.export_review_policy_changed': {
      const { from_policy, to_policy, rule_id, conditions } = e.data;
      const policyChange = { from_policy: from_policy ?? null, to_policy, rule_id: rule_id ?? null, occurred_on, details: fact.details };
      return change(
        { review_policy: to_policy, policy_conditions: conditions ?? [], policy_changes: [...side.policy_changes, policyChange] },
        ['review_policy', 'policy_conditions', `policy_changes.${side.policy_changes.length}`],
      );
    }
    case 'chiptrade.export_authorization_announced': {
      const { announced_by, legal_effect, conditions, products } = e.data;
      const authorization = {
        announced_by,
        legal_effect: legal_effect ?? null,
        conditions: conditions ?? [],
        products: products ?? null,
        occurred_on,
        details: fact.details,
      };
      return change({ authorization_announced: true, authorizations: [...side.authorizations, authorization] }, [
        'authorization_announced',
        `authorizations.${side.authorizations.length}`,
      ]);
    }
    case 'chiptrade.export_application_filed':
      return withApplication(side, fact, e.data, 'filed');
    case 'chiptrade.export_application_referred':
      return withApplication(side, fact, e.data, 'referred');
    case 'chiptrade.export_application_returned':
      return withApplication(side, fact, e.data, 'returned');
    case 'chiptrade.export_licence_granted':
    case 'chiptrade.export_licence_denied': {
      const granted = e.type === 'chiptrade.export_licence_granted';
      const { application_id, licensee, authority, products, conditions, quantity } = e.data;
      const licence: ExportLicence = {
        application_id: application_id ?? null,
        licensee: licensee ?? null,
        authority: authority ?? null,
        products: products ?? null,
        state: granted ? 'granted' : 'denied',
        conditions: conditions ?? [],
        quantity: quantity ?? null,
        occurred_on,
        confidence: fact.confidence,
        revocation: null,
        details: fact.details,
      };
      // The licence keeps the event's details; the application is only moved on.
      const decided = application_id
        ? withApplication(side, fact, { application_id, applicant: licensee }, granted ? 'granted' : 'denied', {})
        : { side, stated: [] };
      const licences = [...decided.side.licences, licence];
      return {
        side: { ...decided.side, licences, ...(granted ? { state: 'licensed' as const } : {}) },
        stated: [...decided.stated, `licences.${side.licences.length}`, ...(granted ? ['state'] : [])],
      };
    }
    case 'chiptrade.export_licence_revoked': {
      const revoked = new Set(grantedLicencesNamed(side.licences, e.data));
      const revocation = { occurred_on, stated: namedFields(fact, ['side']), details: fact.details };
      const licences = side.licences.map((l) => (revoked.has(l) ? { ...l, state: 'revoked' as const, revocation } : l));
      const paths = side.licences.flatMap((l, i) => (revoked.has(l) ? [`licences.${i}`, `licences.${i}.state`] : []));
      const stillLicensed = licences.some((l) => l.state === 'granted');
      return change({ licences, ...(stillLicensed ? {} : { state: 'licence_required' as const }) }, [
        ...paths,
        ...(stillLicensed ? [] : ['state']),
      ]);
    }
    case 'chiptrade.export_requirement_lifted':
      return withDetails({ state: 'unrestricted', lifted_reason: e.data.reason ?? null });
    default:
      return assertNever(e);
  }
}

export function evolveExport(current: ExportSide, fact: Fact): SideChange<ExportSide> {
  // A policy, an authorization or a licence presupposes a requirement nobody recorded.
  const implied = current.state === 'unknown' && fact.type !== 'chiptrade.export_requirement_lifted';
  const { side, stated } = evolveStep(implied ? { ...current, state: 'licence_required' } : current, fact);
  return { side, stated: implied && !stated.includes('state') ? [...stated, 'state'] : stated };
}
