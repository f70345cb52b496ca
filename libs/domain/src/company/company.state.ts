import { initialState, type Bookkeeping } from '../stream/bookkeeping.js';
import type { CompanyRef } from '../values/company-ref.js';
import type { Dated } from '../values/dates.js';
import type { Identifiers } from './company.events.js';

type Details = Record<string, unknown>;

/** An alias as search reads it; an alias given as an object keeps its other keys verbatim. */
export type Alias = { name: string; kind: string | null; lang: string | null } & Details;

export interface KeyPerson {
  name: string;
  /** The person as reported (`{ name }` or the name). */
  person: unknown;
  role: string;
  previous_employer: CompanyRef | null;
  occurred_on: Dated | null;
  details: Details;
}

/** Company facts; lists are sorted by name so the same facts read the same whatever their arrival order. */
export interface CompanyState extends Bookkeeping {
  kind: 'company';
  /** False for a company only referenced so far (read models show it as unresolved). */
  registered: boolean;
  display_name: string | null;
  legal_name: string | null;
  aliases: Alias[];
  /** Aliases retired, as the retirement named them. */
  retired_aliases: Alias[];
  headquarters_country: string | null;
  headquarters_city: string | null;
  country_basis: string | null;
  founded_in_country: string | null;
  relocations: { from_country: string | null; to_country: string; occurred_on: Dated | null; details: Details }[];
  identifiers: Identifiers | null;
  parent: CompanyRef | null;
  key_people: KeyPerson[];
  merged_into: string | null;
  merge_reason: string | null;
}

export function initialCompany(subject: string): CompanyState {
  return initialState<CompanyState>(subject, {
    kind: 'company',
    registered: false,
    display_name: null,
    legal_name: null,
    aliases: [],
    retired_aliases: [],
    headquarters_country: null,
    headquarters_city: null,
    country_basis: null,
    founded_in_country: null,
    relocations: [],
    identifiers: null,
    parent: null,
    key_people: [],
    merged_into: null,
    merge_reason: null,
  });
}
