import { z } from 'zod';
import { cleanText } from './clean-text.js';
import { problems } from './problem.js';

/**
 * The one cursor codec of every list: a cursor is the sort key of the last row shown, as base64url
 * JSON, opaque to clients. Each list decodes with the schema of its own key, so a cursor this
 * service did not issue (wrong shape, a non-date where a date goes, a number out of range, a NUL)
 * is a 400 before it reaches SQL.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, key: S): z.output<S> | null {
  if (cursor === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = key.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw problems.validation('The cursor is not one this API issued.', { errors: [{ path: '/cursor', message: 'invalid cursor' }] });
}

/** Parts of cursor keys: text as subjects are, and integers PostgreSQL's bigint holds exactly. */
export const cursorText = cleanText(300);
export const cursorInteger = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A place in the log (`after`, the log's and a stream's `cursor`, `as_of_position`): a whole number a JS number holds exactly. */
export const logPosition = z.coerce
  .number({ error: 'expected a whole number' })
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER);

/** `?limit=&cursor=` of every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional(),
};

/** A page ends early, with a next cursor, once the rows shown reach this many bytes of JSON. */
export const PAGE_BYTES = 1024 * 1024;

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * The first rows whose JSON stays within PAGE_BYTES (the row that crosses the budget is the last
 * shown; the first row always is, so every page moves forward), at most `limit` of them, rendered.
 */
export function fitPage<R, T>(rows: R[], limit: number, render: (row: R) => T): T[] {
  const data: T[] = [];
  let bytes = 0;
  for (const row of rows.slice(0, limit)) {
    const shown = render(row);
    data.push(shown);
    bytes += Buffer.byteLength(JSON.stringify(shown) ?? '');
    if (bytes >= PAGE_BYTES) break;
  }
  return data;
}

/**
 * A page of rows fetched with `limit + 1` (the extra row only says another page exists), bounded by
 * count and by bytes (fitPage); a page cut short by its size resumes right after its last row.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => unknown,
  render: (row: R) => T,
  encode: (key: unknown) => string = encodeCursor,
): Page<T> {
  const data = fitPage(rows, limit, render);
  const more = rows.length > data.length;
  return { data, next_cursor: more ? encode(keyOf(rows[data.length - 1])) : null };
}
