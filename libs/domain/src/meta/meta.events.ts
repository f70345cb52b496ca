import { z } from 'zod';
import { confidenceSchema } from '../confidence.js';
import { label, optionalText } from '../values/text.js';

const PATCHABLE = 'a correction patches only /occurred_on, /occurred_precision and /data/…';
const patchPath = z.string().refine((p) => p === '/occurred_on' || p === '/occurred_precision' || /^\/data\/./.test(p), PATCHABLE);

const patchOperation = z
  .strictObject({
    op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: patchPath,
    from: patchPath.optional(),
    value: z.unknown().optional(),
  })
  .superRefine((operation, ctx) => {
    if (['add', 'replace', 'test'].includes(operation.op) && !('value' in operation))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `'${operation.op}' needs a value` });
    if (['move', 'copy'].includes(operation.op) && operation.from === undefined)
      ctx.addIssue({ code: 'custom', path: ['from'], message: `'${operation.op}' needs a from` });
  });
export type PatchOperation = z.infer<typeof patchOperation>;

export const RETRACTION_REASONS = ['source_retracted', 'duplicate', 'misattributed', 'entity_mismatch'] as const;

const target = { target_event_id: z.uuid({ error: 'expected the UUID of an event in this stream' }) };

export const META_EVENTS = {
  'fact.corrected': z.strictObject({
    ...target,
    kind: z.enum(['refinement', 'error']),
    patch: z.array(patchOperation).min(1),
    reason: optionalText,
  }),
  'fact.retracted': z.strictObject({
    ...target,
    // Why a fact stops counting changes nothing in the fold: an unlisted reason is kept, with a warning.
    reason: label(RETRACTION_REASONS, 'retraction reason'),
  }),
  'fact.corroborated': z.strictObject({ ...target, resulting_confidence: confidenceSchema }),
} as const;

export type MetaData = { [K in keyof typeof META_EVENTS]: z.infer<(typeof META_EVENTS)[K]> };

export function isMetaType(type: string): type is keyof typeof META_EVENTS {
  return Object.hasOwn(META_EVENTS, type);
}
