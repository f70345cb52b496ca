import { dataSchemaFor, envelopeSchema, EVENT_TYPES } from '@newsledger/domain';
import { z } from 'zod';

/**
 * What POST /v1/events takes, for the docs: the envelope the ingest validates, one variant per catalog type with that
 * type's own `data` schema (the same zod schemas parse-proposal applies one after the other).
 */
export const eventProposalSchema = z
  .discriminatedUnion(
    'type',
    EVENT_TYPES.map((type) =>
      envelopeSchema.extend({ type: z.literal(type), data: dataSchemaFor(type) as z.ZodObject }).meta({ title: type }),
    ) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>],
  )
  .meta({ description: 'One event envelope; `type` selects the schema of `data` (GET /v1/catalog lists them with their rules).' });

export const EVENT_EXAMPLE = {
  type: 'acquisition.review_opened',
  subject: 'acquisition:meta-manus-2025',
  expected_version: 1,
  event_id: '0b6c2d9e-8f1a-4c53-9a57-3f5e2d1c7b10',
  occurred_on: null,
  occurred_precision: 'unknown',
  data: { review_id: 'cn-1', jurisdiction: 'CN', regime: 'unspecified' },
  source: {
    source_id: 'src:cnn-2026-02-11',
    publisher: 'CNN',
    author: 'John Liu',
    genre: 'analysis',
    published_at: '2026-02-11',
    language: 'fr',
    confidence: 'reported',
  },
};

const warning = z.object({ path: z.string(), message: z.string() });

export const recordedSchema = z.object({
  event_id: z.uuid(),
  subject: z.string(),
  version: z.number().int().meta({ description: "The event's version in its stream." }),
  global_position: z.number().int().meta({ description: 'Its place in the global log (use it as `?min_position=` to read your write).' }),
  recorded_at: z.string().meta({ format: 'date-time' }),
  warnings: z.array(warning).meta({ description: 'What was accepted but looks doubtful (an unnamed data field kept verbatim, say).' }),
});

/** A batch answers 201 as a whole; a result of an event already in the log says so. */
export const batchResultSchema = recordedSchema.extend({
  duplicate: z.literal(true).optional().meta({ description: 'Present when the event was already recorded with the same content: this is its original result.' }),
});

export const RECORDED_EXAMPLE = {
  event_id: '0b6c2d9e-8f1a-4c53-9a57-3f5e2d1c7b10',
  subject: 'acquisition:meta-manus-2025',
  version: 2,
  global_position: 42,
  recorded_at: '2026-02-11T00:01:00.000Z',
  warnings: [],
};

/** An event as the log shows it (present-event.ts). */
export const loggedEventSchema = z.object({
  event_id: z.uuid(),
  type: z.string(),
  subject: z.string(),
  version: z.number().int(),
  global_position: z.number().int(),
  schema_version: z.number().int(),
  occurred_on: z.string().nullable(),
  occurred_precision: z.string(),
  recorded_at: z.string().meta({ format: 'date-time' }),
  companies: z.array(z.string()),
  regions: z.array(z.string()),
  correlation_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  source: z.record(z.string(), z.unknown()),
});

const { expected_version: _expected, ...proposed } = EVENT_EXAMPLE;

export const LOGGED_EXAMPLE = {
  ...proposed,
  version: 2,
  global_position: 42,
  schema_version: 1,
  recorded_at: '2026-02-11T00:01:00.000Z',
  companies: ['company:meta', 'company:manus'],
  regions: ['CN', 'US'],
  correlation_id: null,
};

export const logPageSchema = z.object({
  data: z.array(loggedEventSchema),
  next_cursor: z.string().nullable().meta({ description: 'Pass it as `cursor` for the next page; null on the last.' }),
});
