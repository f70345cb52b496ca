import { z } from 'zod';

/** Response shapes of the subscription routes for the docs (subscriptionView, deliveryView, the replay progress). */
export const subscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  event_types: z.array(z.string()),
  filter: z.object({
    companies: z.array(z.string()),
    regions: z.array(z.string()),
    jurisdictions: z.array(z.string()),
    min_confidence: z.string().nullable(),
  }),
  status: z.enum(['active', 'disabled']),
  disabled_reason: z.string().nullable(),
  disabled_at: z.string().nullable(),
  previous_secret_expires_at: z
    .string()
    .nullable()
    .meta({ description: 'Until then, deliveries carry a second signature with the previous secret.' }),
  created_at: z.string(),
  updated_at: z.string(),
});

export const SUBSCRIPTION_EXAMPLE = {
  id: '7b3f2c1e-0d4a-4e8b-9f61-2a5c8d0e4b17',
  url: 'https://alerts.example.com/newsledger',
  description: 'Deals under review in China',
  event_types: ['acquisition.*'],
  filter: { companies: [], regions: [], jurisdictions: ['CN'], min_confidence: 'reported' },
  status: 'active',
  disabled_reason: null,
  disabled_at: null,
  previous_secret_expires_at: null,
  created_at: '2026-02-11T09:00:00.000Z',
  updated_at: '2026-02-11T09:00:00.000Z',
};

export const withSecret = subscriptionSchema.extend({
  secret: z.string().meta({ description: 'The signing secret (`whsec_…`), shown only here.' }),
});
export const SECRET_EXAMPLE = { ...SUBSCRIPTION_EXAMPLE, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };

export const deliverySchema = z.object({
  id: z.string(),
  subscription_id: z.string(),
  message_id: z.string().meta({ description: 'The `webhook-id` the receiver sees, stable across retries and replays.' }),
  event_type: z.string(),
  event_id: z.string().nullable(),
  global_position: z.number().int().nullable(),
  replay_id: z.string().nullable(),
  status: z.enum(['pending', 'succeeded', 'failed', 'dead']),
  attempt_count: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_attempt_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  created_at: z.string(),
  attempts: z
    .array(z.record(z.string(), z.unknown()))
    .meta({ description: 'Each attempt: when, the status code, the latency, the first 20 KB of the answer.' }),
});

export const DELIVERY_EXAMPLE = {
  id: '1c9e5a7b-3f2d-4b8e-a6c1-7d0f2e4b9a35',
  subscription_id: SUBSCRIPTION_EXAMPLE.id,
  message_id: 'msg_2b8f0d6c4e1a',
  event_type: 'acquisition.review_opened',
  event_id: '0b6c2d9e-8f1a-4c53-9a57-3f5e2d1c7b10',
  global_position: 42,
  replay_id: null,
  status: 'succeeded',
  attempt_count: 1,
  next_attempt_at: null,
  last_attempt_at: '2026-02-11T00:01:01.000Z',
  completed_at: '2026-02-11T00:01:01.000Z',
  created_at: '2026-02-11T00:01:00.500Z',
  attempts: [{ attempted_at: '2026-02-11T00:01:01.000Z', status_code: 200, latency_ms: 84, response_excerpt: 'ok' }],
};

export const pageOf = (item: z.ZodType) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });
