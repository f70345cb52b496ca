import jsonpatch from 'fast-json-patch';
import type { z } from 'zod';
import { isWarningIssue } from '../envelope/issues.js';
import { newValueOf, pointerSegments, type Change } from './changes.js';

type Changes = Change[] | Record<string, unknown> | string | null | undefined;

export interface Applied<T> {
  doc: T;
  /** Paths of operations that could not be placed on the document as known (kept in the amendment, not applied). */
  not_applied: string[];
  /** The named fields the changes set. */
  changed: string[];
}

/**
 * Applies changes to the named fields of `doc`: the legacy object replaces the fields it gives; a list's
 * operations apply in order to the field their path starts with, each kept only if the field still
 * passes its schema; kinds, summaries and words describe and apply nothing. Operations on unnamed paths,
 * through values that are words or unknown, or leaving an invalid field, are listed in `not_applied`.
 */
export function applyChanges<T extends Record<string, unknown>>(doc: T, changes: Changes, fields: Record<string, z.ZodType>): Applied<T> {
  if (changes === null || changes === undefined || typeof changes === 'string') return { doc, not_applied: [], changed: [] };
  if (!Array.isArray(changes)) {
    const given = Object.entries(changes).filter(([key, v]) => Object.hasOwn(fields, key) && v !== null && v !== undefined);
    return { doc: { ...doc, ...Object.fromEntries(given) }, not_applied: [], changed: given.map(([key]) => key) };
  }
  let current = doc;
  const notApplied: string[] = [];
  const changed = new Set<string>();
  for (const c of changes) {
    if (typeof c === 'string' || !c.op || !c.path) continue;
    const next = applied(current, c.op, c.path, newValueOf(c), fields);
    if (next === null) notApplied.push(c.path);
    else {
      current = next;
      changed.add(pointerSegments(c.path)[0]);
    }
  }
  return { doc: current, not_applied: notApplied, changed: [...changed] };
}

/** Whether every step down to a change's target is an object or a list (not words, not unknown). */
function reachable(doc: unknown, parents: readonly string[]): boolean {
  let at = doc;
  for (const key of parents) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return at !== null && typeof at === 'object';
}

function applied<T extends Record<string, unknown>>(
  doc: T,
  op: 'add' | 'replace' | 'remove',
  path: string,
  value: unknown,
  fields: Record<string, z.ZodType>,
): T | null {
  const segments = pointerSegments(path);
  if (!Object.hasOwn(fields, segments[0]) || !reachable(doc, segments.slice(0, -1))) return null;
  const field = segments[0];
  let next: T;
  try {
    next = jsonpatch.applyOperation(doc, { op, path, value } as jsonpatch.Operation, false, false).newDocument;
  } catch {
    return null;
  }
  const result = { ...next, [field]: next[field] ?? null };
  const check = fields[field].safeParse(result[field]);
  return check.success || check.error.issues.every(isWarningIssue) ? result : null;
}
