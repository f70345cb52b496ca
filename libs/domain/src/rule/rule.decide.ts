import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { typed, type Fact } from '../stream/fact.js';
import { statedEvent } from '../stream/provenance.js';
import type { RULE_EVENTS } from './rule.events.js';
import type { RuleState } from './rule.state.js';

/** Throws when `fact` cannot happen to an export-control rule in `state` (in_force → rescinded). */
export function decideRule(state: RuleState, fact: Fact): void {
  const violation = (code: string, rule: string) =>
    new RuleViolation(`rule.${code}`, rule, state.status, [statedEvent(state.provenance, 'status'), fact.event_id]);
  if (state.status === 'rescinded') throw violation('rescinded', 'Only meta-events may follow the rescission of a rule.');
  const e = typed<typeof RULE_EVENTS>(fact);
  switch (e.type) {
    case 'rule.issued':
      if (state.issued) throw violation('already_issued', 'A rule is issued once; amend it instead.');
      return;
    case 'rule.amended':
    case 'rule.rescinded':
      return;
    default:
      return assertNever(e);
  }
}
