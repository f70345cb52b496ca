import { CONFIDENCE_ORDER } from '@newsledger/domain';
import { pageQuery } from '@newsledger/platform';
import { z } from 'zod';
import { EVENT_TYPE_PATTERN } from './event-types.js';

const unique = <T>(values: T[]) => [...new Set(values)];

const absoluteUrl = z
  .string()
  .max(2048)
  .refine((text) => URL.canParse(text), 'must be an absolute URL');

export const eventTypesSchema = z
  .array(z.string().regex(EVENT_TYPE_PATTERN, 'must be *, a family like acquisition.*, or a type like acquisition.review_opened'))
  .min(1)
  .max(100)
  .transform(unique);

// Companies are the subjects events list in `companies`; a bare slug is taken as `company:<slug>`.
const company = z
  .string()
  .regex(/^(company:)?[a-z0-9-]{1,120}$/, 'must be a company id like company:meta')
  .transform((id) => (id.startsWith('company:') ? id : `company:${id}`));
const regionCode = z
  .string()
  .regex(/^([A-Za-z]{2})$/, 'must be an ISO 3166-1 alpha-2 code or EU')
  .transform((code) => code.toUpperCase());

export const filterSchema = z.strictObject({
  companies: z.array(company).max(500).default([]).transform(unique),
  regions: z.array(regionCode).max(300).default([]).transform(unique),
  jurisdictions: z.array(regionCode).max(300).default([]).transform(unique),
  min_confidence: z.enum(CONFIDENCE_ORDER).nullable().default(null),
});

export const createSubscriptionBody = z.strictObject({
  url: absoluteUrl,
  description: z.string().max(500).nullable().default(null),
  event_types: eventTypesSchema,
  filter: filterSchema.prefault({}),
});

export const patchSubscriptionBody = z
  .strictObject({
    url: absoluteUrl.optional(),
    description: z.string().max(500).nullable().optional(),
    event_types: eventTypesSchema.optional(),
    filter: filterSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one of url, description, event_types, filter');

export const listSubscriptionsQuery = z.object({ status: z.enum(['active', 'disabled']).optional(), ...pageQuery });

export type CreateSubscription = z.output<typeof createSubscriptionBody>;
export type PatchSubscription = z.output<typeof patchSubscriptionBody>;
export type SubscriptionFilter = z.output<typeof filterSchema>;
