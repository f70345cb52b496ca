import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { typed, type Fact } from '../stream/fact.js';
import { statedEvent } from '../stream/provenance.js';
import { aliasName, type AliasData, type COMPANY_EVENTS } from './company.events.js';
import { aliasPath } from './company.evolve.js';
import type { CompanyState } from './company.state.js';
import { normalizeName } from './normalize-name.js';
import { COMPANY_RULES } from './company.rules.js';
import { sentenceOf } from '../stream/rule-sentences.js';

function summary(state: CompanyState) {
  return {
    registered: state.registered,
    display_name: state.display_name,
    headquarters_country: state.headquarters_country,
    merged_into: state.merged_into,
  };
}

/** Throws when `fact` cannot happen to a company in `state`. */
export function decideCompany(state: CompanyState, fact: Fact): void {
  const violation = (code: string, involved: (string | null | undefined)[], rule = sentenceOf(COMPANY_RULES, code, fact.type)) =>
    new RuleViolation(`company.${code}`, rule, summary(state), [...involved, fact.event_id]);
  const noDuplicates = (incoming: readonly AliasData[]) => {
    // Within one registration the duplicate has no earlier event to name.
    const seen = new Map<string, string | null>(
      state.aliases.map((a) => [normalizeName(a.name), statedEvent(state.provenance, aliasPath(a.name))]),
    );
    for (const alias of incoming) {
      const name = aliasName(alias);
      const key = normalizeName(name);
      if (seen.has(key)) throw violation('duplicate_alias', [seen.get(key)], `The alias '${name}' is already known.`);
      seen.set(key, null);
    }
  };

  if (state.merged_into !== null) throw violation('merged', [statedEvent(state.provenance, 'merged_into')]);

  const e = typed<typeof COMPANY_EVENTS>(fact);
  switch (e.type) {
    case 'company.registered':
      if (state.registered) throw violation('already_registered', [statedEvent(state.provenance, 'registered')]);
      return noDuplicates(e.data.aliases ?? []);
    case 'company.alias_added':
      return noDuplicates([e.data.alias]);
    case 'company.relocated': {
      // A registration snapshots where the company is now, so a move from elsewhere into that country
      // back-fills how it got there; only a move that changes nothing, or repeats the last move, is refused.
      const { from_country, to_country } = e.data;
      const here = state.headquarters_country;
      const changesNothing = !from_country || from_country === to_country || state.relocations.at(-1)?.to_country === here;
      if (to_country === here && changesNothing)
        throw violation(
          'already_in_country',
          [statedEvent(state.provenance, 'headquarters_country')],
          `The company is already in ${to_country}.`,
        );
      return;
    }
    case 'company.duplicate_merged':
      if (e.data.surviving_company_id === state.subject) throw violation('merge_into_self', []);
      return;
    case 'company.alias_retired':
    case 'company.renamed':
    case 'company.key_person_hired':
      return;
    default:
      return assertNever(e);
  }
}
