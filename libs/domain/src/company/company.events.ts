import { z } from 'zod';
import { companyId, companyRef, countryCode, languageTag, mic, optionalText, text } from '../envelope/value-types.js';

export const ALIAS_KINDS = ['legal', 'brand', 'common', 'former', 'transliteration', 'stock_short_name'] as const;

const alias = z.strictObject({ name: text, kind: z.enum(ALIAS_KINDS).nullish(), lang: languageTag.nullish() });
export type AliasData = z.infer<typeof alias>;

const identifiers = z.strictObject({
  tickers: z.array(z.strictObject({ symbol: text, mic: mic.nullish() })).nullish(),
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
    person: z.strictObject({ name: text }),
    role: text,
    previous_employer: companyRef.nullish(),
  }),
  'company.duplicate_merged': z.strictObject({ surviving_company_id: companyId, reason: optionalText }),
} as const;
