import { isoTimestamp } from '@newsledger/domain';
import { decodeCursor } from '@newsledger/platform';
import { z } from 'zod';

/** Where a page ends in a keyset order of (timestamp, id); opaque to clients. */
export interface Keyset {
  readonly at: string;
  readonly id: string;
}

const keysetSchema = z.strictObject({ at: isoTimestamp, id: z.uuid() });

/** The keyset of a subscriptions or deliveries cursor (platform's codec), or null without one. */
export function decodeKeyset(cursor: string | undefined): Keyset | null {
  return decodeCursor(cursor, keysetSchema);
}

export const keysetOf = (row: { created_at: string; id: string }): Keyset => ({ at: row.created_at, id: row.id });
