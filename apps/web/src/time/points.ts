import type { LogEvent } from '../api/types';
import { isoDateOf } from '../format/dates';

/** The moment a time point names: a date means the end of that day, UTC (as the API reads it). */
export function endOfPoint(point: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(point) ? Date.parse(`${point}T23:59:59.999Z`) : Date.parse(point);
}

/** When an event counts in valid time: its period's start, else its source's date, else the day it was recorded. */
export function validFrom(event: LogEvent): string {
  return event.occurred_on ?? isoDateOf(event.source?.published_at) ?? event.recorded_at.slice(0, 10);
}

/** The events of a list that the ledger knew at `asOf` and that had happened by `validAt`. */
export function atPointInTime(events: LogEvent[], asOf: string | undefined, validAt: string | undefined): LogEvent[] {
  const known = asOf ? endOfPoint(asOf) : Infinity;
  const world = validAt ? validAt.slice(0, 10) : null;
  return events.filter((event) => Date.parse(event.recorded_at) <= known && (!world || validFrom(event) <= world));
}
