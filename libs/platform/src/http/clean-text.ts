import { z } from 'zod';

// NUL cannot be stored in PostgreSQL text or jsonb, and a lone UTF-16 surrogate is no character at
// all (it cannot be encoded as UTF-8): either would fail deep in the write or read path as a 500.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as text, or null. */
export function textProblem(value: string): string | null {
  if (!UNSTORABLE.test(value)) return null;
  return value.includes('\u0000') ? 'contains a NUL character' : 'contains a lone UTF-16 surrogate';
}

/** Any query or path text: bounded, and storable (no NUL, no lone surrogate). */
export const cleanText = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
