import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { typed, type Fact } from '../stream/fact.js';
import { statedEvent } from '../stream/provenance.js';
import type { RULE_EVENTS } from './rule.events.js';
import type { RuleState } from './rule.state.js';
import { RULE_RULES } from './rule.rules.js';
import { sentenceOf } from '../stream/rule-sentences.js';

/** Throws when `fact` cannot happen to an export-control rule in `state` (in_force → rescinded). */
export function decideRule(state: RuleState, fact: Fact): void {
  const violation = (code: string, rule = sentenceOf(RULE_RULES, code, fact.type)) =>
    new RuleViolation(`rule.${code}`, rule, state.status, [statedEvent(state.provenance, 'status'), fact.event_id]);
  if (state.status === 'rescinded') throw violation('rescinded');
  const e = typed<typeof RULE_EVENTS>(fact);
  switch (e.type) {
    case 'rule.issued':
      if (state.issued) throw violation('already_issued');
      return;
    case 'rule.amended':
    case 'rule.rescinded':
      return;
    default:
      return assertNever(e);
  }
}
