import { isoDate, isoTimestamp } from '@newsledger/domain';
import type { LogCut } from '@newsledger/event-store';
import { logPosition } from '@newsledger/platform';
import { z } from 'zod';

/** A moment a client asked about: what it wrote, and the last instant it covers (ISO 8601, microseconds). */
export interface Instant {
  asked: string;
  through: string;
}

// A date covers its whole UTC day. A timestamp covers the whole millisecond it names: the API shows
// recorded_at to the millisecond while PostgreSQL keeps microseconds, so `as_of` set to an event's
// recorded_at as shown includes that event.
const dateInstant = isoDate.transform((asked): Instant => ({ asked, through: `${asked}T23:59:59.999999Z` }));
const timestampInstant = isoTimestamp.transform((asked): Instant => ({
  asked,
  through: new Date(Date.parse(asked)).toISOString().replace('Z', '999Z'),
}));

// The domain's date and timestamp (calendar-checked, years 1900–2200) are the one parser of every
// moment the API accepts, so whatever a query names, PostgreSQL and JavaScript both represent.
const instant = (meaning: string) =>
  z
    .string()
    .max(40)
    .pipe(z.union([dateInstant, timestampInstant], { error: 'expected a date YYYY-MM-DD or an ISO 8601 timestamp, in the years 1900–2200' }))
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
  as_of_position: logPosition
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
