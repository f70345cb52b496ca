import { authorityCodeOf, sameAuthority, type AuthorityRef } from '../values/authority-ref.js';
import { companyIdOf, identifiesCompany, sameCompany, type CompanyRef } from '../values/company-ref.js';
import { normalizeName } from '../company/normalize-name.js';
import type { ExportLicence, ImportApproval, ImportRestriction } from './chiptrade.state.js';

/** Granted licences a revocation names: by application, by licensee, or every one when it identifies neither. */
export function grantedLicencesNamed(
  licences: readonly ExportLicence[],
  named: { application_id?: string | null; licensee?: CompanyRef | null },
): ExportLicence[] {
  return licences.filter(
    (l) =>
      l.state === 'granted' &&
      (!named.application_id || l.application_id === named.application_id) &&
      (!identifiesCompany(named.licensee) || sameCompany(l.licensee, named.licensee)),
  );
}

/** A restriction is the same when the authority is, and the measure is too unless the event leaves it open. */
export function isSameRestriction(r: ImportRestriction, named: { authority: AuthorityRef; measure?: string | null }): boolean {
  return sameAuthority(r.authority, named.authority) && (!named.measure || r.measure === named.measure);
}

/** A stable name for a restriction in provenance paths: its authority and measure. */
export function restrictionKey(r: Pick<ImportRestriction, 'authority' | 'measure'>): string {
  const authority =
    authorityCodeOf(r.authority) ?? normalizeName(typeof r.authority === 'string' ? r.authority : (r.authority.name_as_reported ?? ''));
  return `${authority}|${r.measure ?? ''}`;
}

/**
 * The approval an importer already has. Only an identified importer (a company_id) can be matched: two
 * approvals for "a Chinese firm" may be two firms, so unnamed importers each keep their own approval.
 */
export function approvalOf(approvals: readonly ImportApproval[], importer: CompanyRef): number {
  const id = companyIdOf(importer);
  return id === null ? -1 : approvals.findIndex((a) => companyIdOf(a.importer) === id);
}
