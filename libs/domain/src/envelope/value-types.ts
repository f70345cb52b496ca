import { z } from 'zod';

// Every object schema is strict: zod reports unnamed keys as `unrecognized_keys`, which
// parseProposal turns into warnings (the value is kept verbatim) rather than errors.

const SLUG = '[a-z0-9-]{1,120}';
export const SLUG_PATTERN = new RegExp(`^${SLUG}$`);
export const COMPANY_ID_PATTERN = new RegExp(`^company:${SLUG}$`);

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const PRECISIONS = ['day', 'month', 'quarter', 'year', 'unknown'] as const;
export type Precision = (typeof PRECISIONS)[number];
export const precision = z.enum(PRECISIONS);

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');
export const isoTimestamp = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 timestamp' });
export const slug = z.string().regex(SLUG_PATTERN, 'expected a slug [a-z0-9-], at most 120 characters');
export const companyId = z.string().regex(COMPANY_ID_PATTERN, 'expected company:<slug>');
export const subjectOf = (aggregate: string) => z.string().regex(new RegExp(`^${aggregate}:${SLUG}$`), `expected ${aggregate}:<slug>`);
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');
/** Jurisdictions and regions: a country or the EU. */
export const regionCode = countryCode.or(z.literal('EU'));
export const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag');
export const basisPoints = z.number().int();
export const text = z.string().min(1);
export const optionalText = text.nullish();

export const money = z.strictObject({
  amount_minor: z.number().int().refine(Number.isSafeInteger, 'amount_minor is out of safe integer range'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code'),
  approximate: z.boolean().nullish(),
});
export type Money = z.infer<typeof money>;

export const companyRef = z.strictObject({
  company_id: companyId,
  name_as_reported: optionalText,
});
export type CompanyRef = z.infer<typeof companyRef>;

export const authorityRef = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9_]+)+$/, 'expected an authority code like CN-SAMR')
    .nullish(),
  name_as_reported: optionalText,
});
export type AuthorityRef = z.infer<typeof authorityRef>;

export const mic = z.string().regex(/^[A-Z0-9]{4}$/, 'expected an ISO 10383 MIC');

export const venue = z.strictObject({
  mic: mic.nullish(),
  name_as_reported: optionalText,
});
export type Venue = z.infer<typeof venue>;

/** A vague future period ("later in February", "H2 2026"): start of the period, its end, and the words used. */
export const window = z.strictObject({
  start: isoDate.nullish(),
  end: isoDate.nullish(),
  precision: precision.nullish(),
  as_reported: optionalText,
});
export type Window = z.infer<typeof window>;

/** Conditions, fees and similar lists whose items the catalog leaves open. */
export const openList = z.array(z.unknown());
