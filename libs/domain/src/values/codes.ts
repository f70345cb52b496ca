import { z } from 'zod';

// Identifiers and codes are checked strictly: read models join, filter and group on them.

const SLUG = '[a-z0-9-]{1,120}';
export const SLUG_PATTERN = new RegExp(`^${SLUG}$`);
export const COMPANY_ID_PATTERN = new RegExp(`^company:${SLUG}$`);

export const slug = z.string().regex(SLUG_PATTERN, 'expected a slug [a-z0-9-], at most 120 characters');
export const companyId = z.string().regex(COMPANY_ID_PATTERN, 'expected company:<slug>');
export const productId = z.string().regex(new RegExp(`^product:${SLUG}$`), 'expected product:<slug>');
export const subjectOf = (aggregate: string) => z.string().regex(new RegExp(`^${aggregate}:${SLUG}$`), `expected ${aggregate}:<slug>`);
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');
/** Jurisdictions and regions: a country or the EU. */
export const regionCode = countryCode.or(z.literal('EU'));
export const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag');
export const mic = z.string().regex(/^[A-Z0-9]{4}$/, 'expected an ISO 10383 MIC');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');
