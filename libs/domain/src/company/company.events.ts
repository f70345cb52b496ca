import { z } from 'zod';
import { companyId, countryCode, languageTag, mic } from '../values/codes.js';
import { companyRef } from '../values/company-ref.js';
import { label, optionalText, text } from '../values/text.js';

export const ALIAS_KINDS = ['legal', 'brand', 'common', 'former', 'transliteration', 'stock_short_name'] as const;

/** An alias `{ name, kind, lang }`, or just the name ("Z.ai"); search matches every alias alike. */
const alias = z.union([
  z.strictObject({ name: text, kind: label(ALIAS_KINDS, 'alias kind').nullish(), lang: languageTag.nullish() }),
  text,
]);
export type AliasData = z.infer<typeof alias>;

/** The name an alias gives, whichever shape it has. */
export function aliasName(a: AliasData): string {
  return typeof a === 'string' ? a : a.name;
}

const identifiers = z.strictObject({
  // A ticker `{ symbol, mic }`, or the symbol alone when the exchange is not stated.
  tickers: z.array(z.union([z.strictObject({ symbol: text, mic: mic.nullish() }), text])).nullish(),
  sec_cik: z
    .string()
    .regex(/^\d{1,10}$/, 'expected a SEC CIK (digits)')
    .nullish(),
  lei: z
    .string()
    .regex(/^[A-Z0-9]{20}$/, 'expected a 20-character LEI')
    .nullish(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/, 'expected a Wikidata id like Q95')
    .nullish(),
});
export type Identifiers = z.infer<typeof identifiers>;

// Countries stay ISO codes: the relocation rule and the read models compare them.
export const COMPANY_EVENTS = {
  'company.registered': z.strictObject({
    display_name: text,
    legal_name: optionalText,
    aliases: z.array(alias).nullish(),
    headquarters_country: countryCode.nullish(),
    headquarters_city: optionalText,
    country_basis: optionalText,
    identifiers: identifiers.nullish(),
    parent: companyRef.nullish(),
  }),
  'company.alias_added': z.strictObject({ alias }),
  'company.alias_retired': z.strictObject({ alias }),
  'company.renamed': z.strictObject({ from: optionalText, to: text }),
  'company.relocated': z.strictObject({
    from_country: countryCode.nullish(),
    to_country: countryCode,
    founded_in_country: countryCode.nullish(),
  }),
  'company.key_person_hired': z.strictObject({
    // A person `{ name }`, or the name alone.
    person: z.union([z.strictObject({ name: text }), text]),
    role: text,
    previous_employer: companyRef.nullish(),
  }),
  'company.duplicate_merged': z.strictObject({ surviving_company_id: companyId, reason: optionalText }),
} as const;
