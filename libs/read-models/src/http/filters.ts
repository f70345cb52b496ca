import { AUTHORITY_CODE_PATTERN, isoDate } from '@newsledger/domain';
import { z } from 'zod';

/** Query-string filters shared by the lists; a date is the domain's (a calendar date in 1900–2200). */
export const dateFilter = isoDate;
export const regionFilter = z.string().regex(/^([A-Z]{2}|EU)$/, 'expected an ISO 3166-1 alpha-2 code or EU');
/** Authority codes as events carry them: `CN-SAMR`, or a bare country when reports name only "Chinese regulators". */
export const authorityFilter = z.string().regex(AUTHORITY_CODE_PATTERN, 'expected an authority code like CN-SAMR, or a country');
