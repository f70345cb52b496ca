import type { AuthorityRef, CompanyRef } from '../envelope/value-types.js';
import type { ExportLicence, ImportRestriction } from './chiptrade.state.js';

function authorityKey(ref: AuthorityRef): string {
  return ref.code ?? ref.name_as_reported?.trim().toLowerCase() ?? '';
}

/** Granted licences a revocation names: by application, by licensee, or every one when it names neither. */
export function grantedLicencesNamed(
  licences: readonly ExportLicence[],
  named: { application_id?: string | null; licensee?: CompanyRef | null },
): ExportLicence[] {
  return licences.filter(
    (l) =>
      l.state === 'granted' &&
      (!named.application_id || l.application_id === named.application_id) &&
      (!named.licensee || l.licensee?.company_id === named.licensee.company_id),
  );
}

/** A restriction is the same when the authority is, and the measure is too unless the event leaves it open. */
export function isSameRestriction(r: ImportRestriction, named: { authority: AuthorityRef; measure?: string | null }): boolean {
  return authorityKey(r.authority) === authorityKey(named.authority) && (!named.measure || r.measure === named.measure);
}
