import { assertNever } from '../assert-never.js';
import { typed, type Fact } from '../stream/fact.js';
import { stated, withDetails } from '../stream/provenance.js';
import { datedOf } from '../values/dates.js';
import type { RULE_EVENTS } from './rule.events.js';
import type { RuleState } from './rule.state.js';

export function evolveRule(state: RuleState, fact: Fact): RuleState {
  const e = typed<typeof RULE_EVENTS>(fact);
  const occurred_on = datedOf(fact.occurred_on, fact.occurred_precision);
  switch (e.type) {
    case 'rule.issued': {
      const d = e.data;
      const issued = stated(state, fact, {
        status: 'in_force',
        issued: true,
        authority: d.authority,
        title: d.title,
        instrument: d.instrument ?? null,
        fr_citation: d.fr_citation ?? null,
        published_on: d.published_on ?? null,
        // An amendment recorded earlier may already have set it.
        effective_on: d.effective_on ?? state.effective_on,
        destinations: d.destinations ?? [],
        review_policy: d.review_policy ?? null,
      });
      return withDetails(issued, fact);
    }
    case 'rule.amended': {
      const { summary, effective_on } = e.data;
      const amendment = { summary, effective_on: effective_on ?? null, occurred_on, details: fact.details };
      // An amendment of a rule nobody recorded issuing still shows the rule in force.
      const status = state.status === 'none' ? 'in_force' : state.status;
      return stated(state, fact, { status, amendments: [...state.amendments, amendment] }, [
        ...(status === state.status ? [] : ['status']),
        `amendments.${state.amendments.length}`,
      ]);
    }
    case 'rule.rescinded':
      return withDetails(
        stated(state, fact, { status: 'rescinded', rescinded_on: occurred_on, rescission_reason: e.data.reason ?? null }),
        fact,
      );
    default:
      return assertNever(e);
  }
}
