import { pointer } from './issues.js';

/**
 * The path of the first value JSON cannot carry (a function, a symbol, a bigint, a non-finite
 * number, a cycle), or null; `undefined` reads as an absent field. Bodies arrive as parsed JSON;
 * this keeps parseProposal total for any caller.
 */
export function nonJsonPath(value: unknown, path: string[] = [], seen = new Set<object>()): string | null {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : pointer(path);
  if (typeof value !== 'object' || seen.has(value)) return pointer(path);
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    // One path, grown and shrunk along the walk: a copy per key would cost more than the check.
    path.push(key);
    const found = nonJsonPath(item, path, seen);
    path.pop();
    if (found !== null) return found;
  }
  seen.delete(value);
  return null;
}
