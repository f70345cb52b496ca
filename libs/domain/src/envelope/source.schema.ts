import { z } from 'zod';
import { confidenceSchema } from '../confidence.js';
import { languageTag } from '../values/codes.js';
import { isoDate, isoTimestamp } from '../values/dates.js';
import { label, optionalText, text } from '../values/text.js';

export const GENRES = ['news', 'analysis', 'regulatory_filing', 'regulation', 'legal_analysis', 'encyclopedia'] as const;

export const sourceSchema = z.strictObject({
  source_id: text,
  publisher: text,
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).nullish(),
  title: optionalText,
  author: optionalText,
  // A kind of source the catalog does not list (a podcast, a court docket) is still a source.
  genre: label(GENRES, 'genre').nullish(),
  // Undated events count from the day they were first reported, so this stays a real date.
  published_at: isoDate.or(isoTimestamp).nullish(),
  language: languageTag.nullish(),
  translation: z.strictObject({ is_translation: z.boolean(), original_language: languageTag.nullish() }).nullish(),
  confidence: confidenceSchema,
  attribution: z.strictObject({ relayed_from: text, basis: optionalText }).nullish(),
});

/** The provenance block as the client sent it: named fields typed, unnamed ones kept verbatim. */
export type Source = z.infer<typeof sourceSchema> & Record<string, unknown>;
