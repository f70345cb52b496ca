import { isoTimestamp } from '@newsledger/domain';
import { z } from 'zod';
import { eventTypesSchema } from '../subscriptions/subscription.schema.js';

export const replayBody = z
  .strictObject({
    from_position: z.number().int().min(1).optional(),
    since: isoTimestamp.optional(),
    until: isoTimestamp.optional(),
    event_types: eventTypesSchema.optional(),
  })
  .refine((body) => !body.since || !body.until || !(Date.parse(body.since) > Date.parse(body.until)), {
    message: 'since must not be after until',
    path: ['until'],
  });

/** Which past events to re-deliver, beside the subscription's own filter (all narrow). */
export type ReplayRequest = z.output<typeof replayBody>;
