import { CONFIDENCE_ORDER, dataSchemaFor, EVENT_TYPES, sourceSchema } from '@newsledger/domain';
import { z } from 'zod';
import { OPERATIONAL_TYPES } from '../subscriptions/event-types.js';

// AsyncAPI's default schema format is JSON Schema draft 7 (with a few additions).
const draft7 = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

const timestamp = z.string().meta({ format: 'date-time' });

/** The webhook body of an event of `type` (webhook-body.ts `eventBody`), its `payload` being the type's data. */
function eventMessageSchema(type: string): z.ZodType {
  return z.object({
    type: z.literal(type),
    timestamp: timestamp.meta({ description: 'When the ledger recorded the event.' }),
    data: z.object({
      event_id: z.uuid(),
      global_position: z.number().int().meta({ description: 'Its place in the global log.' }),
      subject: z.string().meta({ description: 'The stream, `<aggregate>:<slug>`.' }),
      version: z
        .number()
        .int()
        .meta({ description: "Its version in the subject's stream: discard a message older than one already applied." }),
      occurred_on: z.string().nullable().meta({ description: 'Valid time: when it happened, at `occurred_precision`.' }),
      occurred_precision: z.string(),
      recorded_at: timestamp,
      companies: z.array(z.string()),
      regions: z.array(z.string()),
      payload: (dataSchemaFor(type) ?? z.record(z.string(), z.unknown())).meta({
        description: `The event's data, as the catalog defines ${type}.`,
      }),
      source: sourceSchema,
      confidence: z.enum(CONFIDENCE_ORDER).nullable(),
      replay: z.boolean().meta({ description: 'True when re-delivered by a replay (with the original `webhook-id`).' }),
    }),
  });
}

const OPERATIONAL_DATA: Record<(typeof OPERATIONAL_TYPES)[number], z.ZodType> = {
  'subscription.disabled': z.object({
    subscription_id: z.string(),
    url: z.string(),
    reason: z.string().meta({ description: 'Why: a 410 Gone answer, failures for the whole disable window, or a pause through the API.' }),
    disabled_at: timestamp,
  }),
  'subscription.test': z.object({ subscription_id: z.string() }),
};

function operationalMessageSchema(type: (typeof OPERATIONAL_TYPES)[number]): z.ZodType {
  return z.object({ type: z.literal(type), timestamp, data: OPERATIONAL_DATA[type].and(z.object({ replay: z.literal(false) })) });
}

const headersSchema = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': {
      type: 'string',
      pattern: '^msg_',
      description: 'The message id, the same on every retry and replay of this message: dedupe on it.',
    },
    'webhook-timestamp': {
      type: 'string',
      pattern: '^[0-9]+$',
      description: 'Unix seconds when this attempt was signed; refuse stale ones (5 minutes is usual).',
    },
    'webhook-signature': {
      type: 'string',
      description:
        'Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the base64-decoded secret after `whsec_`; two while a rotated secret is still valid.',
    },
    'content-type': { type: 'string', const: 'application/json' },
  },
};

const DESCRIPTION = `Webhooks a Newsledger service POSTs to each subscription's URL (create one with \`POST /v1/subscriptions\`).

Deliveries follow the Standard Webhooks specification: verify \`webhook-signature\` over the exact body bytes before parsing.
Delivery is at least once and ordering best effort: dedupe on \`webhook-id\`, and use \`data.version\` to ignore stale updates of a subject.
A 2xx answer is success; anything else (redirects included) or no answer within the timeout is retried on the service's schedule
(by default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, each ±20 %), honouring \`retry-after\`. \`410 Gone\` disables the subscription at once.`;

const channelId = (type: string) => type;
const messageId = (type: string) => type.replace(/\./g, '-');

/** The AsyncAPI 3 document of the webhooks: a channel per event type and operational message, each with its payload schema and signature headers. */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const messages: [string, string, Record<string, unknown>][] = [
    ...EVENT_TYPES.map(
      (type) => [type, `${type} recorded in the ledger.`, draft7(eventMessageSchema(type))] as [string, string, Record<string, unknown>],
    ),
    ...OPERATIONAL_TYPES.map(
      (type) =>
        [
          type,
          type === 'subscription.test' ? 'Sent by POST /v1/subscriptions/{id}/test.' : 'A subscription was disabled.',
          draft7(operationalMessageSchema(type)),
        ] as [string, string, Record<string, unknown>],
    ),
  ];
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const componentMessages: Record<string, unknown> = {};
  for (const [type, summary, payload] of messages) {
    const id = messageId(type);
    componentMessages[id] = {
      name: type,
      title: type,
      summary,
      contentType: 'application/json',
      traits: [{ $ref: '#/components/messageTraits/standardWebhooks' }],
      payload,
    };
    channels[channelId(type)] = {
      address: null,
      title: type,
      description: `Messages of type \`${type}\`, sent to every active subscription whose \`event_types\` and filter match.`,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`send-${id}`] = {
      action: 'send',
      title: `Deliver ${type}`,
      channel: { $ref: `#/channels/${channelId(type)}` },
      messages: [{ $ref: `#/channels/${channelId(type)}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'Newsledger webhooks', version: '1', description: DESCRIPTION },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages: componentMessages,
      messageTraits: { standardWebhooks: { headers: headersSchema } },
    },
  };
}
