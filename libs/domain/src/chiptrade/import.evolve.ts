import { assertNever } from '../assert-never.js';
import { namedFields, typed, type Fact } from '../stream/fact.js';
import { detailPaths } from '../stream/provenance.js';
import { datedOf } from '../values/dates.js';
import type { IMPORT_EVENTS } from './chiptrade.events.js';
import { approvalOf, isSameRestriction, restrictionKey } from './chiptrade.match.js';
import type { ImportApproval, ImportRestriction, ImportSide } from './chiptrade.state.js';
import type { SideChange } from './export.evolve.js';

export function evolveImport(side: ImportSide, fact: Fact): SideChange<ImportSide> {
  const e = typed<typeof IMPORT_EVENTS>(fact);
  const occurred_on = datedOf(fact.occurred_on, fact.occurred_precision);
  switch (e.type) {
    case 'chiptrade.import_restriction_signalled': {
      const { authority, measure, products } = e.data;
      const restriction: ImportRestriction = {
        authority,
        measure: measure ?? null,
        products: products ?? null,
        signalled_on: occurred_on,
        details: fact.details,
      };
      const at = side.restrictions.findIndex((r) => isSameRestriction(r, restriction));
      const restrictions = at < 0 ? [...side.restrictions, restriction] : side.restrictions.map((r, i) => (i === at ? restriction : r));
      return { side: { ...side, state: 'restricted', restrictions }, stated: ['state', `restrictions.${restrictionKey(restriction)}`] };
    }
    case 'chiptrade.import_restriction_lifted': {
      const lifted = side.restrictions.filter((r) => isSameRestriction(r, e.data));
      const restrictions = side.restrictions.filter((r) => !lifted.includes(r));
      const liftedRestrictions = [
        ...side.lifted_restrictions,
        ...lifted.map((r) => ({ ...r, lifting: { occurred_on, stated: namedFields(fact, ['side']), details: fact.details } })),
      ];
      return {
        side: {
          ...side,
          state: restrictions.length > 0 ? 'restricted' : 'no_measure',
          restrictions,
          lifted_restrictions: liftedRestrictions,
        },
        stated: ['state', ...lifted.map((_, i) => `lifted_restrictions.${side.lifted_restrictions.length + i}`)],
      };
    }
    case 'chiptrade.import_approval_granted':
    case 'chiptrade.import_approval_denied': {
      const { importer, authority, approval_kind, quantity, conditions, products } = e.data;
      const granted = e.type === 'chiptrade.import_approval_granted';
      const approval: ImportApproval = {
        importer,
        state: !granted ? 'denied' : approval_kind === 'final' ? 'approved' : 'approved_conditional',
        approval_kind: approval_kind ?? null,
        authority: authority ?? null,
        quantity: quantity ?? null,
        conditions: conditions ?? [],
        products: products ?? null,
        occurred_on,
        confidence: fact.confidence,
        details: fact.details,
      };
      // An importer's later step (conditional → final) replaces its approval in place.
      const found = approvalOf(side.approvals, importer);
      const at = found < 0 ? side.approvals.length : found;
      const approvals = found < 0 ? [...side.approvals, approval] : side.approvals.map((a, i) => (i === at ? approval : a));
      if (!granted) return { side: { ...side, approvals }, stated: [`approvals.${at}`] };
      // A conditional approval does not undo a final one given to another importer.
      const state = approval.state === 'approved' || side.state === 'approved' ? 'approved' : 'approved_conditional';
      return { side: { ...side, state, approvals }, stated: ['state', `approvals.${at}`] };
    }
    case 'chiptrade.import_status_reported':
      return {
        side: { ...side, official_status: e.data.status, official_status_on: occurred_on, details: { ...side.details, ...fact.details } },
        stated: ['official_status', 'official_status_on', ...detailPaths(fact)],
      };
    default:
      return assertNever(e);
  }
}
