import { assertNever } from '../assert-never.js';
import { typed, type Fact } from '../stream/fact.js';
import { stated, withDetails } from '../stream/provenance.js';
import { datedOf } from '../values/dates.js';
import { aliasName, type AliasData, type COMPANY_EVENTS } from './company.events.js';
import type { Alias, CompanyState, KeyPerson } from './company.state.js';
import { normalizeName } from './normalize-name.js';

const byName = <T extends { name: string }>(a: T, b: T) =>
  normalizeName(a.name).localeCompare(normalizeName(b.name)) || a.name.localeCompare(b.name);

/** Provenance paths of aliases and key people go by name, since their lists are sorted by name. */
export const aliasPath = (name: string) => `aliases.${normalizeName(name)}`;
const keyPersonPath = (person: Pick<KeyPerson, 'name' | 'role'>) => `key_people.${normalizeName(person.name)}|${person.role}`;

function asAlias(a: AliasData): Alias {
  return typeof a === 'string' ? { name: a, kind: null, lang: null } : { ...a, kind: a.kind ?? null, lang: a.lang ?? null };
}

/** The company with `added` aliases (replacing same-named ones), each credited to `fact`. */
function withAliases(state: CompanyState, added: readonly AliasData[], fact: Fact, changes: Partial<CompanyState> = {}): CompanyState {
  const incoming = added.map(asAlias);
  const replaced = new Set(incoming.map((a) => normalizeName(a.name)));
  const aliases = [...state.aliases.filter((a) => !replaced.has(normalizeName(a.name))), ...incoming].sort(byName);
  return stated(state, fact, { ...changes, aliases }, [...Object.keys(changes), ...incoming.map((a) => aliasPath(a.name))]);
}

export function evolveCompany(state: CompanyState, fact: Fact): CompanyState {
  const e = typed<typeof COMPANY_EVENTS>(fact);
  switch (e.type) {
    case 'company.registered': {
      const d = e.data;
      const registration: Partial<CompanyState> = {
        registered: true,
        display_name: d.display_name,
        legal_name: d.legal_name ?? null,
        identifiers: d.identifiers ?? null,
        parent: d.parent ?? null,
        // A registration may say less about the location than an earlier relocation did.
        ...(d.headquarters_country ? { headquarters_country: d.headquarters_country } : {}),
        ...(d.headquarters_city ? { headquarters_city: d.headquarters_city } : {}),
        ...(d.country_basis ? { country_basis: d.country_basis } : {}),
      };
      return withDetails(withAliases(state, d.aliases ?? [], fact, registration), fact);
    }
    case 'company.alias_added':
      return withDetails(withAliases(state, [e.data.alias], fact), fact);
    case 'company.alias_retired': {
      const name = normalizeName(aliasName(e.data.alias));
      const aliases = state.aliases.filter((a) => normalizeName(a.name) !== name);
      const retired_aliases = [...state.retired_aliases, asAlias(e.data.alias)];
      return withDetails(
        stated(state, fact, { aliases, retired_aliases }, [aliasPath(name), `retired_aliases.${state.retired_aliases.length}`]),
        fact,
      );
    }
    case 'company.renamed': {
      const former = e.data.from ?? state.display_name;
      const renamed = { display_name: e.data.to };
      const next = former ? withAliases(state, [{ name: former, kind: 'former' }], fact, renamed) : stated(state, fact, renamed);
      return withDetails(next, fact);
    }
    case 'company.relocated': {
      const { from_country, to_country, founded_in_country } = e.data;
      const move = {
        from_country: from_country ?? null,
        to_country,
        occurred_on: datedOf(fact.occurred_on, fact.occurred_precision),
        details: fact.details,
      };
      return stated(
        state,
        fact,
        {
          headquarters_country: to_country,
          ...(founded_in_country ? { founded_in_country } : {}),
          relocations: [...state.relocations, move],
        },
        ['headquarters_country', ...(founded_in_country ? ['founded_in_country'] : []), `relocations.${state.relocations.length}`],
      );
    }
    case 'company.key_person_hired': {
      const { person, role, previous_employer } = e.data;
      const hire: KeyPerson = {
        name: typeof person === 'string' ? person : person.name,
        person,
        role,
        previous_employer: previous_employer ?? null,
        occurred_on: datedOf(fact.occurred_on, fact.occurred_precision),
        details: fact.details,
      };
      const key_people = [...state.key_people, hire].sort((a, b) => byName(a, b) || a.role.localeCompare(b.role));
      return stated(state, fact, { key_people }, [keyPersonPath(hire)]);
    }
    case 'company.duplicate_merged':
      return withDetails(stated(state, fact, { merged_into: e.data.surviving_company_id, merge_reason: e.data.reason ?? null }), fact);
    default:
      return assertNever(e);
  }
}
