import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { typed, type Fact } from '../stream/fact.js';
import { statedEvent, type Provenance } from '../stream/provenance.js';
import { companyIdOf } from '../values/company-ref.js';
import type { IMPORT_EVENTS } from './chiptrade.events.js';
import { approvalOf, isSameRestriction, restrictionKey } from './chiptrade.match.js';
import type { ImportSide } from './chiptrade.state.js';
import { CHIPTRADE_RULES } from './chiptrade.rules.js';
import { sentenceOf } from '../stream/rule-sentences.js';

/** Throws when `fact` cannot happen to the import side in `side`. */
export function decideImport(side: ImportSide, provenance: Provenance, fact: Fact): void {
  const stater = (path: string) => statedEvent(provenance, `import.${path}`);
  const e = typed<typeof IMPORT_EVENTS>(fact);
  switch (e.type) {
    case 'chiptrade.import_approval_granted':
    case 'chiptrade.import_approval_denied': {
      const at = approvalOf(side.approvals, e.data.importer);
      const previous = at < 0 ? undefined : side.approvals[at];
      // Only the step conditional → final (or → denied) follows an earlier approval; anything else is a correction.
      const upgrade =
        previous?.state === 'approved_conditional' && (e.type === 'chiptrade.import_approval_denied' || e.data.approval_kind === 'final');
      if (previous && !upgrade)
        throw new RuleViolation(
          'chiptrade.importer_already_decided',
          sentenceOf(CHIPTRADE_RULES, 'importer_already_decided'),
          { side: 'import', importer: companyIdOf(previous.importer), state: previous.state },
          [stater(`approvals.${at}`), fact.event_id],
        );
      return;
    }
    case 'chiptrade.import_restriction_lifted':
      if (!side.restrictions.some((r) => isSameRestriction(r, e.data)))
        throw new RuleViolation(
          'chiptrade.no_such_restriction',
          sentenceOf(CHIPTRADE_RULES, 'no_such_restriction'),
          { side: 'import', state: side.state, restrictions: side.restrictions.map(({ authority, measure }) => ({ authority, measure })) },
          [...side.restrictions.map((r) => stater(`restrictions.${restrictionKey(r)}`)), fact.event_id],
        );
      return;
    case 'chiptrade.import_restriction_signalled':
    case 'chiptrade.import_status_reported':
      return;
    default:
      return assertNever(e);
  }
}
