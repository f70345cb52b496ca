import { z } from 'zod';

/**
 * Every date the ledger accepts lies in years 1900–2200 (UTC): far enough back for any company's
 * history, far enough ahead for any deadline, and inside what every reader (PostgreSQL, JavaScript
 * Date, ISO formatting) represents. A year-1 timestamp is a typo, not a fact, and would break readers.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;
const EARLIEST = Date.UTC(FIRST_YEAR, 0, 1);
const AFTER_LATEST = Date.UTC(LAST_YEAR + 1, 0, 1);
const OUT_OF_RANGE = `must lie in the years ${FIRST_YEAR}–${LAST_YEAR}`;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const inRange = (millis: number) => millis >= EARLIEST && millis < AFTER_LATEST;

/** Why `value` (shaped YYYY-MM-DD) is not an acceptable date, or null. */
export function dateProblem(value: string): string | null {
  if (!isCalendarDate(value)) return 'not a calendar date';
  return inRange(Date.parse(`${value}T00:00:00Z`)) ? null : OUT_OF_RANGE;
}

export const isoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'expected a date YYYY-MM-DD')
  .superRefine((value, ctx) => {
    const problem = dateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', input: value, message: problem });
  });

/**
 * An ISO 8601 timestamp with `Z` or an offset. The offset counts: `1900-01-01T00:30:00+01:00` is
 * 1899-12-31T23:30Z, out of range; comparisons always go through the instant, never the text.
 */
export const isoTimestamp = z.iso
  // abort: text that is no timestamp gets that one message, not a range message beside it.
  .datetime({ offset: true, error: 'expected an ISO 8601 timestamp with Z or an offset', abort: true })
  .refine((value) => inRange(Date.parse(value)), OUT_OF_RANGE);

export const PRECISIONS = ['day', 'month', 'quarter', 'year', 'unknown'] as const;
export type Precision = (typeof PRECISIONS)[number];
export const precision = z.enum(PRECISIONS);

/** A date in a folded state keeps how precise its source was: "in January 2026" is `{ date: '2026-01-01', precision: 'month' }`. */
export interface Dated {
  date: string;
  precision: Exclude<Precision, 'unknown'>;
}

/** The valid time of an event as a state records it; null when undated. */
export function datedOf(occurredOn: string | null, occurredPrecision: Precision): Dated | null {
  return occurredOn === null || occurredPrecision === 'unknown' ? null : { date: occurredOn, precision: occurredPrecision };
}
