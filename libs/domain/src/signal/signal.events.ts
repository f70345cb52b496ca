import { z } from 'zod';
import { authorityRef } from '../values/authority-ref.js';
import { mic, regionCode } from '../values/codes.js';
import { companyRef } from '../values/company-ref.js';
import { isoDate, precision } from '../values/dates.js';
import { basisPoints } from '../values/numbers.js';
import { optionalText, text } from '../values/text.js';
import { window } from '../values/window.js';

// DOMAIN.md leaves signal fields open; the ones named here are those the seed uses, typed
// loosely enough for news, so that company references in them are checked and indexed.
const companyAndText = { company: companyRef.nullish() };
// A leader `{ model_family, company }`, or its name alone ("Qwen").
const leader = z.union([z.strictObject({ model_family: optionalText, company: companyRef.nullish() }), text]);

export const SIGNAL_EVENTS = {
  'signal.model_release_expected': z.strictObject({
    ...companyAndText,
    product_name: optionalText,
    expected_window: window.nullish(),
    claimed_improvements: z.array(z.string()).nullish(),
  }),
  'signal.model_ranking_reported': z.strictObject({
    platform: optionalText,
    metric: optionalText,
    new_leader: leader.nullish(),
    previous_leader: leader.nullish(),
  }),
  'signal.company_metric_reported': z.strictObject({
    ...companyAndText,
    metric: optionalText,
    subject: optionalText,
    comparator: z.enum(['eq', 'gt', 'gte', 'lt', 'lte', 'approx']).nullish(),
    value: z.number().nullish(),
    unit: optionalText,
  }),
  'signal.market_share_reported': z.strictObject({
    segment: optionalText,
    share_holder: optionalText,
    study_by: optionalText,
    series: z
      .array(
        z.strictObject({
          as_of: isoDate.nullish(),
          precision: precision.nullish(),
          as_reported: optionalText,
          share_bp: basisPoints.nullish(),
          approximate: z.boolean().nullish(),
        }),
      )
      .nullish(),
  }),
  'signal.policy_announced': z.strictObject({
    jurisdiction: regionCode.nullish(),
    authority: authorityRef.nullish(),
    title_as_reported: optionalText,
    policy_area: optionalText,
  }),
  'signal.share_price_move_reported': z.strictObject({
    ...companyAndText,
    ticker: optionalText,
    mic: mic.nullish(),
    direction: z.enum(['up', 'down', 'flat']).nullish(),
    change_bp: basisPoints.nullish(),
    session: optionalText,
  }),
} as const;
