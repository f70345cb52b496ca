import { z } from 'zod';
import { authorityRef, isoDate, optionalText, regionCode, text } from '../envelope/value-types.js';
import { REVIEW_POLICIES } from '../chiptrade/chiptrade.events.js';

export const RULE_EVENTS = {
  'rule.issued': z.strictObject({
    authority: authorityRef,
    title: text,
    instrument: optionalText,
    fr_citation: optionalText,
    published_on: isoDate.nullish(),
    effective_on: isoDate.nullish(),
    destinations: z.array(regionCode).nullish(),
    review_policy: z.enum(REVIEW_POLICIES).nullish(),
  }),
  'rule.amended': z.strictObject({ summary: text, effective_on: isoDate.nullish() }),
  'rule.rescinded': z.strictObject({ reason: optionalText }),
} as const;
