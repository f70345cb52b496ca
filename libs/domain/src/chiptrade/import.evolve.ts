import { assertNever } from '../assert-never.js';
import { typed, type Fact } from '../stream/fact.js';
import { upsert } from '../upsert.js';
import type { IMPORT_EVENTS } from './chiptrade.events.js';
import { isSameRestriction } from './chiptrade.match.js';
import type { ImportApproval, ImportSide, ImportState } from './chiptrade.state.js';

function withState(side: ImportSide, state: ImportState, fact: Fact): ImportSide {
  return { ...side, state, state_event_id: fact.event_id };
}

export function evolveImport(side: ImportSide, fact: Fact): ImportSide {
  const e = typed<typeof IMPORT_EVENTS>(fact);
  switch (e.type) {
    case 'chiptrade.import_restriction_signalled': {
      const restriction = {
        authority: e.data.authority,
        measure: e.data.measure ?? null,
        signalled_on: fact.occurred_on,
        event_id: fact.event_id,
      };
      const restrictions = upsert(side.restrictions, restriction, (r) => isSameRestriction(r, restriction));
      return { ...withState(side, 'restricted', fact), restrictions };
    }
    case 'chiptrade.import_restriction_lifted': {
      const restrictions = side.restrictions.filter((r) => !isSameRestriction(r, e.data));
      return { ...withState(side, restrictions.length > 0 ? 'restricted' : 'no_measure', fact), restrictions };
    }
    case 'chiptrade.import_approval_granted':
    case 'chiptrade.import_approval_denied': {
      const { importer, authority, approval_kind, quantity, conditions } = e.data;
      const granted = e.type === 'chiptrade.import_approval_granted';
      const approval: ImportApproval = {
        importer,
        state: !granted ? 'denied' : approval_kind === 'final' ? 'approved' : 'approved_conditional',
        approval_kind: approval_kind ?? null,
        authority: authority ?? null,
        quantity: quantity ?? null,
        conditions: conditions ?? [],
        occurred_on: fact.occurred_on,
        confidence: fact.confidence,
        event_id: fact.event_id,
      };
      const next = { ...side, approvals: upsert(side.approvals, approval, (a) => a.importer.company_id === importer.company_id) };
      if (!granted) return next;
      // A conditional approval does not undo a final one given to another importer.
      return withState(next, approval.state === 'approved' || side.state === 'approved' ? 'approved' : 'approved_conditional', fact);
    }
    case 'chiptrade.import_status_reported':
      return { ...side, official_status: e.data.status, official_status_on: fact.occurred_on };
    default:
      return assertNever(e);
  }
}
