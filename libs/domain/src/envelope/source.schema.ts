import { z } from 'zod';
import { confidenceSchema } from '../confidence.js';
import { isoDate, isoTimestamp, languageTag, optionalText, text } from './value-types.js';

export const GENRES = ['news', 'analysis', 'regulatory_filing', 'regulation', 'legal_analysis', 'encyclopedia'] as const;

export const sourceSchema = z.strictObject({
  source_id: text,
  publisher: text,
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).nullish(),
  title: optionalText,
  author: optionalText,
  genre: z.enum(GENRES).nullish(),
  published_at: isoDate.or(isoTimestamp).nullish(),
  language: languageTag.nullish(),
  translation: z.strictObject({ is_translation: z.boolean(), original_language: languageTag.nullish() }).nullish(),
  confidence: confidenceSchema,
  attribution: z.strictObject({ relayed_from: text, basis: optionalText }).nullish(),
});

/** The provenance block as the client sent it: named fields typed, unnamed ones kept verbatim. */
export type Source = z.infer<typeof sourceSchema> & Record<string, unknown>;
