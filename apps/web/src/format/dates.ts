/** A date as the API may send it: `YYYY-MM-DD` beside a precision, or `{ date, precision }`. */
export interface DatedValue {
  date: string | null;
  precision: string | null;
}

export function isDated(value: unknown): value is DatedValue {
  return typeof value === 'object' && value !== null && 'date' in value && 'precision' in value && Object.keys(value).length <= 4;
}

/** `{start, end, precision, as_reported}` windows (expected close, planned listing). */
export interface DateWindow {
  start?: string | null;
  end?: string | null;
  precision?: string | null;
  as_reported?: string | null;
}

export function isWindow(value: unknown): value is DateWindow {
  return typeof value === 'object' && value !== null && ('start' in value || 'end' in value) && !('date' in value);
}

const MONTH = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A date at its precision: `15 Jan 2026`, `Jan 2026`, `Q1 2026`, `2025`; `date unknown` when there is none. */
export function formatDate(date: string | null | undefined, precision?: string | null): string {
  if (!date) return 'date unknown';
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  switch (precision) {
    case 'year':
      return String(parsed.getUTCFullYear());
    case 'quarter':
      return `Q${Math.floor(parsed.getUTCMonth() / 3) + 1} ${parsed.getUTCFullYear()}`;
    case 'month':
      return MONTH.format(parsed);
    case 'unknown':
      return 'date unknown';
    default:
      return DAY.format(parsed);
  }
}

/** Either shape of a dated fact, read the same way. */
export function readDate(value: unknown, precision?: string | null): string {
  if (isDated(value)) return formatDate(value.date, value.precision);
  if (typeof value === 'string') return formatDate(value, precision);
  return 'date unknown';
}

/** The ISO date of either shape, for sorting and grouping (null when unknown). */
export function isoDateOf(value: unknown): string | null {
  if (isDated(value)) return value.date;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

export function formatWindow(window: DateWindow): string {
  const start = window.start ? formatDate(window.start, window.precision) : null;
  const end = window.end ? formatDate(window.end, window.precision) : null;
  const range = start && end ? (start === end ? start : `${start} – ${end}`) : end ? `by ${end}` : start ? `from ${start}` : '';
  return [range, window.as_reported ? `“${window.as_reported}”` : ''].filter(Boolean).join(' ') || 'unknown';
}

/** `2026-02-11 00:01:00 UTC`: recorded times are exact, so shown in full. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  return `${parsed.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
