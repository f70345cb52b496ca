import { problems } from '@newsledger/platform';
import { z } from 'zod';

/** `?limit=&cursor=` of every list; the cursor is the sort key of the last row, opaque to clients. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
};

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The keyset of `cursor` (null without one); a cursor this service did not issue is a 400. */
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {
    // falls through to the problem below
  }
  throw problems.validation('The cursor is not one this API issued.', { errors: [{ path: '/cursor', message: 'invalid cursor' }] });
}

/** Rows were fetched with `limit + 1`: the extra row only says another page exists. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => unknown[], render: (row: R) => T): Page<T> {
  const shown = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor(keyOf(shown[shown.length - 1])) : null;
  return { data: shown.map(render), next_cursor: next };
}
