import { assertNever } from '../assert-never.js';
import { typed, type Fact } from '../stream/fact.js';
import type { AliasData, COMPANY_EVENTS } from './company.events.js';
import type { Alias, CompanyState, KeyPerson } from './company.state.js';
import { normalizeName } from './normalize-name.js';

const byName = <T extends { name: string }>(a: T, b: T) =>
  normalizeName(a.name).localeCompare(normalizeName(b.name)) || a.name.localeCompare(b.name);

function withAliases(aliases: readonly Alias[], added: readonly AliasData[], eventId: string): Alias[] {
  const incoming = added.map((a) => ({ name: a.name, kind: a.kind ?? null, lang: a.lang ?? null, event_id: eventId }));
  const replaced = new Set(incoming.map((a) => normalizeName(a.name)));
  return [...aliases.filter((a) => !replaced.has(normalizeName(a.name))), ...incoming].sort(byName);
}

function withoutAlias(aliases: readonly Alias[], name: string): Alias[] {
  return aliases.filter((a) => normalizeName(a.name) !== normalizeName(name));
}

export function evolveCompany(state: CompanyState, fact: Fact): CompanyState {
  const e = typed<typeof COMPANY_EVENTS>(fact);
  switch (e.type) {
    case 'company.registered': {
      const d = e.data;
      return {
        ...state,
        registered: true,
        registered_event_id: fact.event_id,
        display_name: d.display_name,
        legal_name: d.legal_name ?? null,
        aliases: withAliases(state.aliases, d.aliases ?? [], fact.event_id),
        headquarters_country: d.headquarters_country ?? state.headquarters_country,
        headquarters_city: d.headquarters_city ?? state.headquarters_city,
        country_basis: d.country_basis ?? state.country_basis,
        country_event_id: d.headquarters_country ? fact.event_id : state.country_event_id,
        identifiers: d.identifiers ?? null,
        parent: d.parent ?? null,
      };
    }
    case 'company.alias_added':
      return { ...state, aliases: withAliases(state.aliases, [e.data.alias], fact.event_id) };
    case 'company.alias_retired':
      return { ...state, aliases: withoutAlias(state.aliases, e.data.alias.name) };
    case 'company.renamed': {
      const former = e.data.from ?? state.display_name;
      const aliases = former ? withAliases(state.aliases, [{ name: former, kind: 'former' }], fact.event_id) : state.aliases;
      return { ...state, display_name: e.data.to, aliases };
    }
    case 'company.relocated': {
      const { from_country, to_country, founded_in_country } = e.data;
      const move = { from_country: from_country ?? null, to_country, occurred_on: fact.occurred_on, event_id: fact.event_id };
      return {
        ...state,
        headquarters_country: to_country,
        founded_in_country: founded_in_country ?? state.founded_in_country,
        country_event_id: fact.event_id,
        relocations: [...state.relocations, move],
      };
    }
    case 'company.key_person_hired': {
      const { person, role, previous_employer } = e.data;
      const hire: KeyPerson = {
        name: person.name,
        role,
        previous_employer: previous_employer ?? null,
        occurred_on: fact.occurred_on,
        event_id: fact.event_id,
      };
      return { ...state, key_people: [...state.key_people, hire].sort((a, b) => byName(a, b) || a.role.localeCompare(b.role)) };
    }
    case 'company.duplicate_merged':
      return { ...state, merged_into: e.data.surviving_company_id, merged_event_id: fact.event_id };
    default:
      return assertNever(e);
  }
}
