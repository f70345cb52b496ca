import { z } from 'zod';

/** Query-string filters shared by the lists. */
export const companyFilter = z.string().regex(/^company:[a-z0-9-]{1,120}$/, 'expected company:<slug>');
export const dateFilter = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
export const regionFilter = z.string().regex(/^([A-Z]{2}|EU)$/, 'expected an ISO 3166-1 alpha-2 code or EU');
