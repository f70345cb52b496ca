import { z } from 'zod';
import { REVIEW_POLICIES } from '../chiptrade/chiptrade.events.js';
import { authorityRef } from '../values/authority-ref.js';
import { label, optionalText, text } from '../values/text.js';
import { reportedDate } from '../values/window.js';

export const RULE_EVENTS = {
  'rule.issued': z.strictObject({
    authority: authorityRef,
    title: text,
    instrument: optionalText,
    fr_citation: optionalText,
    published_on: reportedDate.nullish(),
    effective_on: reportedDate.nullish(),
    // Region codes where a rule names countries, its words where it names groups ("D:5 countries").
    destinations: z.array(text).nullish(),
    review_policy: label(REVIEW_POLICIES, 'review policy').nullish(),
  }),
  'rule.amended': z.strictObject({ summary: text, effective_on: reportedDate.nullish() }),
  'rule.rescinded': z.strictObject({ reason: optionalText }),
} as const;
