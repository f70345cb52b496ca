import { COMPANY_ID_PATTERN } from '../values/codes.js';

/** Every company id in `data`: CompanyRef `company_id`s and `*_company_id` fields, at any depth. */
export function companyIdsIn(data: unknown): string[] {
  if (Array.isArray(data)) return data.flatMap(companyIdsIn);
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) =>
    (key === 'company_id' || key.endsWith('_company_id')) && typeof value === 'string' && COMPANY_ID_PATTERN.test(value)
      ? [value]
      : companyIdsIn(value),
  );
}
