import { problems } from '@newsledger/platform';
import { z } from 'zod';

/** `?limit=` and `?cursor=` as API.md's Lists convention has them. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
};

/** Where a page ends in a keyset order of (timestamp, id); opaque to clients. */
export interface Keyset {
  readonly at: string;
  readonly id: string;
}

const keysetSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

export function encodeCursor(last: Keyset): string {
  return Buffer.from(JSON.stringify({ at: last.at, id: last.id })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null;
  try {
    return keysetSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw problems.validation('The cursor is not one this API returned.', { errors: [{ path: '/cursor', message: 'unknown cursor' }] });
  }
}

/** Rows are fetched one past the limit: the extra row's presence says whether a next page exists. */
export function toPage<T, V>(rows: T[], limit: number, keyset: (row: T) => Keyset, view: (row: T) => V) {
  const data = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor(keyset(data[data.length - 1])) : null;
  return { data: data.map(view), next_cursor: next };
}
