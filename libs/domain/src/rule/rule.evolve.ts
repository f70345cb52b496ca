import { assertNever } from '../assert-never.js';
import { typed, type Fact } from '../stream/fact.js';
import type { RULE_EVENTS } from './rule.events.js';
import type { RuleState } from './rule.state.js';

export function evolveRule(state: RuleState, fact: Fact): RuleState {
  const e = typed<typeof RULE_EVENTS>(fact);
  switch (e.type) {
    case 'rule.issued': {
      const d = e.data;
      return {
        ...state,
        status: 'in_force',
        status_event_id: fact.event_id,
        issued: true,
        authority: d.authority,
        title: d.title,
        instrument: d.instrument ?? null,
        fr_citation: d.fr_citation ?? null,
        published_on: d.published_on ?? null,
        effective_on: d.effective_on ?? state.effective_on,
        destinations: d.destinations ?? [],
        review_policy: d.review_policy ?? null,
      };
    }
    case 'rule.amended': {
      const { summary, effective_on } = e.data;
      const amendment = { summary, effective_on: effective_on ?? null, occurred_on: fact.occurred_on, event_id: fact.event_id };
      // An amendment of a rule nobody recorded issuing still shows the rule in force.
      const status = state.status === 'none' ? 'in_force' : state.status;
      return { ...state, status, amendments: [...state.amendments, amendment] };
    }
    case 'rule.rescinded':
      return {
        ...state,
        status: 'rescinded',
        status_event_id: fact.event_id,
        rescinded_on: fact.occurred_on,
        rescission_reason: e.data.reason ?? null,
      };
    default:
      return assertNever(e);
  }
}
