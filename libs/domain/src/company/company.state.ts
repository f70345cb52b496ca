import type { CompanyRef } from '../envelope/value-types.js';
import { emptyBookkeeping, type Bookkeeping } from '../stream/bookkeeping.js';
import type { ALIAS_KINDS, Identifiers } from './company.events.js';

export interface Alias {
  name: string;
  kind: (typeof ALIAS_KINDS)[number] | null;
  lang: string | null;
  /** The event that added it, named when a duplicate is rejected. */
  event_id: string;
}

export interface KeyPerson {
  name: string;
  role: string;
  previous_employer: CompanyRef | null;
  occurred_on: string | null;
  event_id: string;
}

/** Company facts; lists are sorted by name so the same facts read the same whatever their arrival order. */
export interface CompanyState extends Bookkeeping {
  kind: 'company';
  /** False for a company only referenced so far (read models show it as unresolved). */
  registered: boolean;
  registered_event_id: string | null;
  display_name: string | null;
  legal_name: string | null;
  aliases: Alias[];
  headquarters_country: string | null;
  headquarters_city: string | null;
  country_basis: string | null;
  founded_in_country: string | null;
  /** The event that set `headquarters_country`. */
  country_event_id: string | null;
  relocations: { from_country: string | null; to_country: string; occurred_on: string | null; event_id: string }[];
  identifiers: Identifiers | null;
  parent: CompanyRef | null;
  key_people: KeyPerson[];
  merged_into: string | null;
  merged_event_id: string | null;
}

export function initialCompany(subject: string): CompanyState {
  return {
    ...emptyBookkeeping(subject),
    kind: 'company',
    registered: false,
    registered_event_id: null,
    display_name: null,
    legal_name: null,
    aliases: [],
    headquarters_country: null,
    headquarters_city: null,
    country_basis: null,
    founded_in_country: null,
    country_event_id: null,
    relocations: [],
    identifiers: null,
    parent: null,
    key_people: [],
    merged_into: null,
    merged_event_id: null,
  };
}
