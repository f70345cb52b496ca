import { z } from 'zod';
import { normalizeName } from '../company/normalize-name.js';
import { companyId } from './codes.js';
import { optionalText, text } from './text.js';

/**
 * A company a report names: `{ company_id: 'company:<slug>', name_as_reported }` (the company may be
 * unregistered yet; read models show it unresolved); `company_id` null or absent with a name for a
 * party the ledger cannot identify ("a Chinese buyer"); or only the words.
 */
export const companyRef = z.union([z.strictObject({ company_id: companyId.nullish(), name_as_reported: optionalText }), text]);
export type CompanyRef = z.infer<typeof companyRef>;

/** The registered (or to-be-registered) company a reference points at; null when it names none. */
export function companyIdOf(ref: CompanyRef | null | undefined): string | null {
  return ref === null || ref === undefined || typeof ref === 'string' ? null : (ref.company_id ?? null);
}

/** Whether a reference says which company it is (an id or a name), so that it can narrow a match. */
export function identifiesCompany(ref: CompanyRef | null | undefined): boolean {
  return companyIdOf(ref) !== null || companyNameOf(ref) !== null;
}

/** The name a reference gives, folded for comparison; null when it gives none. */
export function companyNameOf(ref: CompanyRef | null | undefined): string | null {
  const name = typeof ref === 'string' ? ref : ref?.name_as_reported;
  return name ? normalizeName(name) : null;
}

/**
 * Two references name the same company when both give ids and they are equal, or (one lacking an id)
 * both give the same name. References that cannot be compared are different companies.
 */
export function sameCompany(a: CompanyRef | null | undefined, b: CompanyRef | null | undefined): boolean {
  const [idA, idB] = [companyIdOf(a), companyIdOf(b)];
  if (idA !== null && idB !== null) return idA === idB;
  const [nameA, nameB] = [companyNameOf(a), companyNameOf(b)];
  return nameA !== null && nameA === nameB;
}
