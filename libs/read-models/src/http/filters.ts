import { AUTHORITY_CODE_PATTERN } from '@newsledger/domain';
import { z } from 'zod';

/** Query-string filters shared by the lists. */
export const dateFilter = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
export const regionFilter = z.string().regex(/^([A-Z]{2}|EU)$/, 'expected an ISO 3166-1 alpha-2 code or EU');
/** Authority codes as events carry them: `CN-SAMR`, or a bare country when reports name only "Chinese regulators". */
export const authorityFilter = z.string().regex(AUTHORITY_CODE_PATTERN, 'expected an authority code like CN-SAMR, or a country');
