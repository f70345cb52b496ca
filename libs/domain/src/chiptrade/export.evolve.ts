import { assertNever } from '../assert-never.js';
import type { AuthorityRef, CompanyRef } from '../envelope/value-types.js';
import { typed, type Fact } from '../stream/fact.js';
import { upsert } from '../upsert.js';
import type { EXPORT_EVENTS } from './chiptrade.events.js';
import { grantedLicencesNamed } from './chiptrade.match.js';
import type { ExportApplication, ExportSide, ExportState } from './chiptrade.state.js';

function withState(side: ExportSide, state: ExportState, fact: Fact): ExportSide {
  return { ...side, state, state_event_id: fact.event_id };
}

function withApplication(
  side: ExportSide,
  fact: Fact,
  data: { application_id: string; applicant?: CompanyRef | null; end_users?: CompanyRef[] | null; referred_to?: AuthorityRef[] | null },
  state: ExportApplication['state'],
): ExportSide {
  const current = side.applications.find((a) => a.application_id === data.application_id);
  const next: ExportApplication = {
    application_id: data.application_id,
    applicant: data.applicant ?? current?.applicant ?? null,
    end_users: data.end_users ?? current?.end_users ?? [],
    referred_to: [...(current?.referred_to ?? []), ...(data.referred_to ?? [])],
    state,
    last_event_id: fact.event_id,
  };
  return { ...side, applications: upsert(side.applications, next, (a) => a === current) };
}

export function evolveExport(current: ExportSide, fact: Fact): ExportSide {
  const e = typed<typeof EXPORT_EVENTS>(fact);
  // A policy, an authorization or a licence presupposes a requirement nobody recorded.
  const side =
    current.state === 'unknown' && e.type !== 'chiptrade.export_requirement_lifted'
      ? withState(current, 'licence_required', fact)
      : current;
  switch (e.type) {
    case 'chiptrade.export_licence_required': {
      const { authority, legal_basis, rule_id, products, review_policy } = e.data;
      return {
        ...withState(side, 'licence_required', fact),
        authority,
        legal_basis: legal_basis ?? null,
        rule_id: rule_id ?? null,
        products: products ?? [],
        review_policy: review_policy ?? side.review_policy,
      };
    }
    case 'chiptrade.export_requirement_amended': {
      const { authority, legal_basis, rule_id, products } = e.data.changes;
      return {
        ...side,
        authority: authority ?? side.authority,
        legal_basis: legal_basis ?? side.legal_basis,
        rule_id: rule_id ?? side.rule_id,
        products: products ?? side.products,
      };
    }
    case 'chiptrade.export_review_policy_changed':
      return { ...side, review_policy: e.data.to_policy, policy_conditions: e.data.conditions ?? [] };
    case 'chiptrade.export_authorization_announced': {
      const { announced_by, legal_effect, conditions } = e.data;
      const authorization = {
        announced_by,
        legal_effect: legal_effect ?? null,
        conditions: conditions ?? [],
        occurred_on: fact.occurred_on,
        event_id: fact.event_id,
      };
      return { ...side, authorization_announced: true, authorizations: [...side.authorizations, authorization] };
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
      const { application_id, licensee, conditions, quantity } = e.data;
      const licence = {
        application_id: application_id ?? null,
        licensee: licensee ?? null,
        state: granted ? ('granted' as const) : ('denied' as const),
        conditions: conditions ?? [],
        quantity: quantity ?? null,
        occurred_on: fact.occurred_on,
        confidence: fact.confidence,
        event_id: fact.event_id,
      };
      const decided = application_id ? withApplication(side, fact, { application_id, applicant: licensee }, licence.state) : side;
      const next = { ...decided, licences: [...decided.licences, licence] };
      return granted ? withState(next, 'licensed', fact) : next;
    }
    case 'chiptrade.export_licence_revoked': {
      const revoked = new Set(grantedLicencesNamed(side.licences, e.data));
      const licences = side.licences.map((l) => (revoked.has(l) ? { ...l, state: 'revoked' as const, event_id: fact.event_id } : l));
      const next = { ...side, licences };
      return licences.some((l) => l.state === 'granted') ? next : withState(next, 'licence_required', fact);
    }
    case 'chiptrade.export_requirement_lifted':
      return withState(side, 'unrestricted', fact);
    default:
      return assertNever(e);
  }
}
