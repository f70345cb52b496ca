import { z } from 'zod';
import { SUBJECT_PATTERN } from '../subject.js';
import { companyId, regionCode } from '../values/codes.js';
import { isoDate, isoTimestamp, precision } from '../values/dates.js';
import { sourceSchema } from './source.schema.js';

/** One POST /v1/events body or import line; `data` is checked against its type's schema separately. */
export const envelopeSchema = z.strictObject({
  type: z.string().regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, 'expected <aggregate>.<event>'),
  subject: z.string().regex(SUBJECT_PATTERN, 'expected <aggregate>:<slug> of a known aggregate, slug [a-z0-9-] of at most 120 characters'),
  data: z.record(z.string(), z.unknown()),
  source: sourceSchema,
  occurred_on: isoDate.nullable(),
  occurred_precision: precision,
  event_id: z.uuid({ error: 'expected a UUID' }).nullish(),
  expected_version: z.number().int().nonnegative().nullish(),
  companies: z.array(companyId).nullish(),
  regions: z.array(regionCode).nullish(),
  correlation_id: z.string().min(1).max(200).nullish(),
  // Bounded like every date; the ingest layer also refuses a recorded_at in the future.
  recorded_at: isoTimestamp.nullish(),
  schema_version: z.number().int().positive().nullish(),
});
export type Envelope = z.infer<typeof envelopeSchema>;
