import { z } from 'zod';
import { arrayItem } from './unwrap.js';
import { optionalText, text } from './text.js';

export const CHANGE_OPS = ['add', 'replace', 'remove'] as const;

const pointer = z.string().regex(/^(\/([^~/]|~[01])*)+$/, 'expected a JSON pointer like /consideration/per_share');

/**
 * One change, as a report describes it: an RFC 6902-like operation on the thing amended (`{ op:
 * 'replace', path: '/consideration/per_share', from: <old>, to: <new> }`, `{ op: 'add', path:
 * '/products/-', value: <product> }`; `from` is the old value, not a JSON Patch source path), and/or a
 * `kind` or `type` with a `summary` (`{ type: 'divestiture', summary, buyer }`), or only the words.
 */
export const change = z.union([
  z
    .strictObject({
      op: z.enum(CHANGE_OPS).nullish(),
      path: pointer.nullish(),
      kind: optionalText,
      type: optionalText,
      summary: optionalText,
      from: z.unknown().optional(),
      to: z.unknown().optional(),
      value: z.unknown().optional(),
    })
    .superRefine((c, ctx) => {
      if (c.op && !c.path) ctx.addIssue({ code: 'custom', input: c, path: ['path'], message: `'${c.op}' needs the path it changes` });
      if ((c.op === 'add' || c.op === 'replace') && c.to === undefined && c.value === undefined)
        ctx.addIssue({ code: 'custom', input: c, path: ['to'], message: `'${c.op}' needs the new value in to (or value)` });
      if (c.to !== undefined && c.value !== undefined && JSON.stringify(c.to) !== JSON.stringify(c.value))
        ctx.addIssue({ code: 'custom', input: c, path: ['value'], message: 'to and value disagree on the new value' });
    }),
  text,
]);
export type Change = z.infer<typeof change>;

/** The new value an operation sets (`to`, or `value` as in JSON Patch). */
export function newValueOf(c: { to?: unknown; value?: unknown }): unknown {
  return c.to !== undefined ? c.to : c.value;
}

/** `'/consideration/per_share'` → `['consideration', 'per_share']` (RFC 6901 unescaped). */
export function pointerSegments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Changes to a set of named `fields` (deal terms, a licence requirement, listing terms): the legacy
 * object of new values (`{ stake_bp: 10000 }`), a list of changes, or the words. An operation that sets
 * a whole named field (`/stake_bp`) or adds an item to a named list (`/products/-`) must carry a value
 * that field accepts; deeper paths are checked when applied (see applyChanges).
 */
export function changesTo(fields: Record<string, z.ZodType>) {
  const list = z.array(change).superRefine((items, ctx) => {
    items.forEach((c, i) => {
      if (typeof c === 'string' || !c.op || c.op === 'remove' || !c.path) return;
      const [field, ...rest] = pointerSegments(c.path);
      const schema = Object.hasOwn(fields, field) ? fields[field] : undefined;
      const target = schema === undefined ? null : rest.length === 0 ? schema : rest.length === 1 ? arrayItem(schema) : null;
      const result = target?.safeParse(newValueOf(c));
      const key = c.to !== undefined ? 'to' : 'value';
      for (const issue of result?.success === false ? result.error.issues : [])
        ctx.addIssue({ ...issue, path: [i, key, ...issue.path] } as z.core.$ZodRawIssue);
    });
  });
  return z.union([z.strictObject(fields), list, text]);
}
