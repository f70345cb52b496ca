import type { Precision } from '../values/dates.js';

/** The period a dated event covers: [start, end), as YYYY-MM-DD. */
export interface Interval {
  start: string;
  end: string;
}

const MONTHS_COVERED: Record<Exclude<Precision, 'unknown'>, number> = { day: 0, month: 1, quarter: 3, year: 12 };

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "In January 2026" covers the whole month, whatever day the source wrote; null for undated events. */
export function intervalOf(occurredOn: string | null, precision: Precision): Interval | null {
  if (occurredOn === null || precision === 'unknown') return null;
  const [y, m, d] = occurredOn.split('-').map(Number);
  if (precision === 'day') return { start: occurredOn, end: isoDay(new Date(Date.UTC(y, m - 1, d + 1))) };
  const firstMonth = precision === 'month' ? m - 1 : precision === 'quarter' ? Math.floor((m - 1) / 3) * 3 : 0;
  const start = new Date(Date.UTC(y, firstMonth, 1));
  const end = new Date(Date.UTC(y, firstMonth + MONTHS_COVERED[precision], 1));
  return { start: isoDay(start), end: isoDay(end) };
}

export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
