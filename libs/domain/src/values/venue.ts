import { z } from 'zod';
import { mic } from './codes.js';
import { optionalText, text } from './text.js';

/** A trading venue `{ mic: ISO 10383, name_as_reported }`, or the words ("the US") when no exchange is known. */
export const venue = z.union([z.strictObject({ mic: mic.nullish(), name_as_reported: optionalText }), text]);
export type Venue = z.infer<typeof venue>;

export function micOf(value: Venue | null | undefined): string | null {
  return value === null || value === undefined || typeof value === 'string' ? null : (value.mic ?? null);
}
