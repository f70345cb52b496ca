import { z } from 'zod';
import { ISO_DATE_PATTERN, dateProblem, isoDate, precision } from './dates.js';
import { optionalText } from './text.js';

/**
 * A date a report gives inside `data` (a deadline, an effective date, an expected close): an ISO day
 * (`"2024-02-25"`, checked like every date), or the reporter's words (`"by the end of the year"`).
 * A string shaped like a date must be one: `"2024-02-30"` is refused, not kept as words.
 */
const dayOrWords = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    if (!ISO_DATE_PATTERN.test(value)) return;
    const problem = dateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', input: value, message: problem });
  })
  .meta({ description: 'an ISO date YYYY-MM-DD, or the words reported' });

/**
 * The structured form: a point (`date`) or a period (`start`/`end`, either may be unknown), its
 * precision and the words used. `{ start: null, end: '2017-12-31', precision: 'year', as_reported: 'by
 * the end of 2017' }`; `{ date: '2024-02-01', precision: 'month' }`.
 */
const period = z
  .strictObject({
    date: isoDate.nullish(),
    start: isoDate.nullish(),
    end: isoDate.nullish(),
    precision: precision.nullish(),
    as_reported: optionalText,
  })
  .refine((p) => !p.start || !p.end || p.start <= p.end, { path: ['end'], message: 'ends before it starts' });

/** Windows (expected close, planned periods) and dates in data: a day, a period, or words. */
export const window = z.union([dayOrWords, period]);
export type Window = z.infer<typeof window>;
export const reportedDate = window;
