import { z } from 'zod';

const asked = {
  as_of: z
    .object({ timestamp: z.string().nullable(), position: z.number().int().nullable() })
    .optional()
    .meta({ description: 'The recorded-time point asked (`as_of`, `as_of_position`), when one was.' }),
  valid_at: z.string().optional().meta({ description: 'The valid-time point asked, when one was.' }),
};

/** What every read-model resource carries (docs/api.md, read models), beside its own fields. */
export function resourceSchema(kind: string, fields: Record<string, z.ZodType>): z.ZodType {
  return z.looseObject({
    id: z.string().meta({ description: `The ${kind}'s slug.` }),
    subject: z.string().meta({ description: `\`${kind}:<slug>\`.` }),
    version: z.number().int().meta({ description: 'How many events its stream holds (as of the point asked).' }),
    last_global_position: z.number().int().meta({ description: 'The global position of its latest event.' }),
    confidence: z.string().meta({ description: 'Effective confidence: the best of its sources, after corroborations and retractions.' }),
    sources: z.array(z.record(z.string(), z.unknown())).meta({ description: 'Who said so: each source of its counted events.' }),
    provenance: z.record(z.string(), z.unknown()).meta({ description: 'For each fact (by path), the event and source that stated it.' }),
    ...fields,
    ...asked,
  });
}

export function pageSchema(item: z.ZodType): z.ZodType {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().meta({ description: 'Pass it as `cursor` for the next page; null on the last.' }),
    ...asked,
  });
}

/** Fields every example resource shares: a deal reported once by one outlet. */
export const RESOURCE_EXAMPLE = {
  version: 3,
  last_global_position: 57,
  confidence: 'reported',
  sources: [{ source_id: 'src:cnn-2026-02-11', publisher: 'CNN', published_at: '2026-02-11', confidence: 'reported' }],
  provenance: { status: { event_id: '0b6c2d9e-8f1a-4c53-9a57-3f5e2d1c7b10', source_id: 'src:cnn-2026-02-11' } },
};

const money = z.object({ amount_minor: z.number().int(), amount: z.string(), currency: z.string() }).nullable();

export const companyResource = resourceSchema('company', {
  display_name: z.string().nullable(),
  aliases: z.array(z.record(z.string(), z.unknown())),
  country: z.string().nullable(),
  registered: z.boolean(),
});
export const COMPANY_EXAMPLE = {
  id: 'zhipu',
  subject: 'company:zhipu',
  display_name: 'Zhipu AI',
  aliases: [{ name: '智谱', language: 'zh' }, { name: 'Z.ai' }],
  country: 'CN',
  registered: true,
  ...RESOURCE_EXAMPLE,
};

export const listingResource = resourceSchema('listing', {
  status: z.string().meta({ description: 'planned, filed, marketing, priced, trading, postponed, withdrawn or delisted.' }),
  company: z.string().nullable(),
  venue: z.record(z.string(), z.unknown()).nullable(),
  ticker: z.string().nullable(),
  offer_price: money.optional(),
  gross_proceeds: money.optional(),
});
export const LISTING_EXAMPLE = {
  id: 'zhipu-xhkg-2026',
  subject: 'listing:zhipu-xhkg-2026',
  status: 'trading',
  company: 'company:zhipu',
  venue: { mic: 'XHKG' },
  ticker: '2513',
  gross_proceeds: { amount_minor: 56000000000, amount: '560000000.00', currency: 'HKD' },
  listed_on: { date: '2026-01-08', precision: 'day' },
  ...RESOURCE_EXAMPLE,
};

export const acquisitionResource = resourceSchema('acquisition', {
  status: z.string().meta({ description: 'The derived deal status (`under_review` while a review is pending).' }),
  acquirer: z.unknown(),
  target: z.unknown(),
  terms: z.record(z.string(), z.unknown()).nullable(),
  reviews: z.array(z.record(z.string(), z.unknown())),
});
export const ACQUISITION_EXAMPLE = {
  id: 'meta-manus-2025',
  subject: 'acquisition:meta-manus-2025',
  status: 'under_review',
  acquirer: { company_id: 'company:meta' },
  target: { company_id: 'company:manus' },
  terms: null,
  reviews: [{ review_id: 'cn-1', jurisdiction: 'CN', authority: null, regime: 'unspecified', phase: null, state: 'open', opened_on: null }],
  ...RESOURCE_EXAMPLE,
};

export const chipTradeResource = resourceSchema('chiptrade', {
  export: z.record(z.string(), z.unknown()).meta({ description: 'state, review_policy, authorization_announced, applications, licences.' }),
  import: z.record(z.string(), z.unknown()).meta({ description: 'state, restrictions, official_status, approvals.' }),
  products: z.array(z.record(z.string(), z.unknown())),
});
export const CHIPTRADE_EXAMPLE = {
  id: 'nvidia-h200-us-cn',
  subject: 'chiptrade:nvidia-h200-us-cn',
  products: [{ product_id: 'product:nvidia-h200', name: 'NVIDIA H200' }],
  export: { state: 'licensed', review_policy: 'case_by_case', applications: [], licences: [] },
  import: { state: 'restricted', restrictions: [], official_status: null, approvals: [] },
  ...RESOURCE_EXAMPLE,
};

export const ruleResource = resourceSchema('rule', {
  status: z.string().meta({ description: 'none, in_force or rescinded.' }),
  title: z.string().nullable(),
  authority: z.unknown(),
  destinations: z.array(z.string()),
});
export const RULE_EXAMPLE = {
  id: 'us-bis-2025-01-13-ai',
  subject: 'rule:us-bis-2025-01-13-ai',
  status: 'rescinded',
  title: 'Framework for Artificial Intelligence Diffusion',
  authority: { code: 'BIS' },
  destinations: ['CN'],
  ...RESOURCE_EXAMPLE,
};
