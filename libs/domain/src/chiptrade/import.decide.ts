import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { typed, type Fact } from '../stream/fact.js';
import type { IMPORT_EVENTS } from './chiptrade.events.js';
import { isSameRestriction } from './chiptrade.match.js';
import type { ImportSide } from './chiptrade.state.js';

/** Throws when `fact` cannot happen to the import side in `side`. */
export function decideImport(side: ImportSide, fact: Fact): void {
  const e = typed<typeof IMPORT_EVENTS>(fact);
  switch (e.type) {
    case 'chiptrade.import_approval_granted':
    case 'chiptrade.import_approval_denied': {
      const previous = side.approvals.find((a) => a.importer.company_id === e.data.importer.company_id);
      // Only the step conditional → final (or → denied) follows an earlier approval; anything else is a correction.
      const upgrade =
        previous?.state === 'approved_conditional' && (e.type === 'chiptrade.import_approval_denied' || e.data.approval_kind === 'final');
      if (previous && !upgrade)
        throw new RuleViolation(
          'chiptrade.importer_already_decided',
          'An importer already approved or denied gets no second approval; correct the first instead.',
          { side: 'import', importer: previous.importer.company_id, state: previous.state },
          [previous.event_id, fact.event_id],
        );
      return;
    }
    case 'chiptrade.import_restriction_lifted':
      if (!side.restrictions.some((r) => isSameRestriction(r, e.data)))
        throw new RuleViolation(
          'chiptrade.no_such_restriction',
          'Only a restriction in force can be lifted.',
          { side: 'import', state: side.state, restrictions: side.restrictions.map(({ authority, measure }) => ({ authority, measure })) },
          [...side.restrictions.map((r) => r.event_id), fact.event_id],
        );
      return;
    case 'chiptrade.import_restriction_signalled':
    case 'chiptrade.import_status_reported':
      return;
    default:
      return assertNever(e);
  }
}
