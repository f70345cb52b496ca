import type { z } from 'zod';
import type { FieldError, Warning } from './envelope.types.js';

type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

/** RFC 6901 pointer: `['data', 'venue', 'mic']` → `/data/venue/mic`. */
export function pointer(path: Path): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Issues that keep a value rather than refuse it: unnamed keys, and labels the catalog does not list. */
export function isWarningIssue(issue: Issue): boolean {
  return issue.code === 'unrecognized_keys' || (issue.code === 'custom' && issue.params?.warning === true);
}

// How far a union branch got with the value: refused for its JSON type at once is furthest away.
function distance(branch: readonly Issue[]): number {
  return branch.reduce((sum, issue) => {
    if (issue.code === 'invalid_type' && issue.path.length === 0) return sum + 1000;
    if (issue.code === 'unrecognized_keys') return sum + issue.keys.length;
    return sum + (isWarningIssue(issue) ? 0 : 1);
  }, 0);
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/**
 * A value no accepted shape takes: the issues of the shape it came closest to (so `{ amount_minor: 'x',
 * currency: 'USD' }` reads as a bad amount, not "invalid input"), or a message saying which JSON types
 * would do, or that it fits two shapes at once.
 */
function unionIssues(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | string {
  const branches = issue.errors.filter((b) => b.length > 0);
  if (branches.length === 0) return 'the value matches more than one accepted shape';
  const best = branches.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  if (distance(best) < 1000) {
    if (best.every(isWarningIssue)) return 'the value matches more than one accepted shape; say which (drop the keys of the other)';
    return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
  }
  const expected = [...new Set(branches.flatMap((b) => b.flatMap((i) => (i.code === 'invalid_type' ? [String(i.expected)] : []))))];
  return `expected ${expected.map(article).join(' or ')}`;
}

/** Splits zod issues: unnamed keys and unlisted labels become warnings (`keptAs` says what happens to keys), the rest errors. */
export function classifyIssues(
  issues: readonly Issue[],
  prefix: Path,
  keptAs: (path: Path) => string,
): { errors: FieldError[]; warnings: Warning[] } {
  const errors: FieldError[] = [];
  const warnings: Warning[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      const inner = unionIssues(issue);
      if (typeof inner === 'string') errors.push({ path: pointer([...prefix, ...issue.path]), message: inner });
      else {
        const nested = classifyIssues(inner, prefix, keptAs);
        errors.push(...nested.errors);
        warnings.push(...nested.warnings);
      }
      continue;
    }
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) warnings.push({ path: pointer([...path, key]), message: keptAs([...path, key]) });
    else if (isWarningIssue(issue)) warnings.push({ path: pointer(path), message: issue.message });
    else errors.push({ path: pointer(path), message: issue.message });
  }
  return { errors, warnings };
}
