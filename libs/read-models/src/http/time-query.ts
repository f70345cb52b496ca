import { FIRST_YEAR, LAST_YEAR } from '@newsledger/domain';
import type { LogCut } from '@newsledger/event-store';
import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A moment a client asked about: what it wrote, and the last instant it covers (ISO 8601, microseconds). */
export interface Instant {
  asked: string;
  through: string;
}

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// A date covers its whole UTC day. A timestamp covers the whole millisecond it names: the API shows
// recorded_at to the millisecond while PostgreSQL keeps microseconds, so `as_of` set to an event's
// recorded_at as shown includes that event.
function through(value: string): string | null {
  if (DATE.test(value)) return isCalendarDate(value) ? `${value}T23:59:59.999999Z` : null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace('Z', '999Z');
}

const timestamp = z.iso.datetime({ offset: true });

const instant = (meaning: string) =>
  z
    .string()
    .max(40)
    .transform((asked, ctx): Instant => {
      const end = DATE.test(asked) || timestamp.safeParse(asked).success ? through(asked) : null;
      if (end === null) {
        ctx.addIssue({ code: 'custom', message: 'expected a date YYYY-MM-DD or an ISO 8601 timestamp' });
        return z.NEVER;
      }
      const year = Number(end.slice(0, 4));
      if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
        ctx.addIssue({ code: 'custom', message: `expected a moment in the years ${FIRST_YEAR}–${LAST_YEAR}` });
        return z.NEVER;
      }
      return { asked, through: end };
    })
    .meta({
      description: `${meaning} A date (2026-01-15) means the end of that day UTC; a timestamp may carry an offset.`,
      examples: ['2026-01-15', '2026-01-15T10:30:00Z'],
    });

/**
 * The two times of the ledger (DOMAIN.md "Three clocks"): `as_of`/`as_of_position` cut the log at a
 * past point of recorded time, `valid_at` asks about the world on a date. They combine: what the
 * ledger knew at `as_of` about the world on `valid_at`.
 */
export const timeFields = {
  as_of: instant('Recorded time: the ledger as it stood then (events recorded up to that moment).').optional(),
  as_of_position: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .meta({ description: 'Recorded time as a place in the log: the ledger up to global position n.' }),
  valid_at: instant(
    'Valid time: the world on that date as the ledger knows it — events whose period has started by then (an undated one counts from when it was first reported).',
  ).optional(),
};

export const timeQuery = z.strictObject(timeFields);
export type TimeQuery = z.output<typeof timeQuery>;

/** True when no past point was asked for: the live read model answers. */
export function isNow(time: TimeQuery): boolean {
  return time.as_of === undefined && time.as_of_position === undefined && time.valid_at === undefined;
}

/** The cut of the log that `as_of`/`as_of_position` name. */
export function logCut(time: TimeQuery): LogCut {
  return { untilPosition: time.as_of_position, untilRecordedAt: time.as_of?.through };
}

/** What the client asked, echoed in the answer so that it says which past it shows. */
export function askedTimes(time: TimeQuery): Record<string, unknown> {
  const asOf = time.as_of !== undefined || time.as_of_position !== undefined;
  return {
    ...(asOf ? { as_of: { timestamp: time.as_of?.asked ?? null, position: time.as_of_position ?? null } } : {}),
    ...(time.valid_at !== undefined ? { valid_at: time.valid_at.asked } : {}),
  };
}
