import { z } from 'zod';
import { canonicalJson } from '../canonical-json.js';
import { normalizeName } from '../company/normalize-name.js';
import { optionalText, text } from './text.js';

/**
 * An authority: a full code (`CN-SAMR`, `EU-EC`, `US-CFIUS`), a country-level body (`US-GOV`), a bare
 * country or region (`CN`, `EU`) when a report names only "Chinese regulators", or `code` null/absent
 * with the name as reported ("Chinese authorities"); or only the words.
 */
export const AUTHORITY_CODE_PATTERN = /^([A-Z]{2})(-[A-Z0-9_]+)*$/;

export const authorityRef = z.union([
  z.strictObject({
    code: z.string().regex(AUTHORITY_CODE_PATTERN, 'expected an authority code like CN-SAMR, US-GOV or a country like CN').nullish(),
    name_as_reported: optionalText,
  }),
  text,
]);
export type AuthorityRef = z.infer<typeof authorityRef>;

export function authorityCodeOf(ref: AuthorityRef | null | undefined): string | null {
  return ref === null || ref === undefined || typeof ref === 'string' ? null : (ref.code ?? null);
}

function authorityNameOf(ref: AuthorityRef): string | null {
  const name = typeof ref === 'string' ? ref : ref.name_as_reported;
  return name ? normalizeName(name) : null;
}

/**
 * Same rule as companies: codes when both have one, else the names reported; two authorities known by
 * neither are the same only when stated identically.
 */
export function sameAuthority(a: AuthorityRef, b: AuthorityRef): boolean {
  const [codeA, codeB] = [authorityCodeOf(a), authorityCodeOf(b)];
  if (codeA !== null && codeB !== null) return codeA === codeB;
  const [nameA, nameB] = [authorityNameOf(a), authorityNameOf(b)];
  if (nameA !== null || nameB !== null) return nameA === nameB;
  return codeA === codeB && canonicalJson(a) === canonicalJson(b);
}
