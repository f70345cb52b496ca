import type { z } from 'zod';
import type { FieldError, Warning } from './envelope.types.js';

type Path = readonly PropertyKey[];

/** RFC 6901 pointer: `['data', 'venue', 'mic']` → `/data/venue/mic`. */
export function pointer(path: Path): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Splits zod issues: unnamed keys become warnings (`keptAs` says what happens to them), the rest errors. */
export function classifyIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: Path,
  keptAs: (path: Path) => string,
): { errors: FieldError[]; warnings: Warning[] } {
  const errors: FieldError[] = [];
  const warnings: Warning[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) warnings.push({ path: pointer([...path, key]), message: keptAs([...path, key]) });
    else errors.push({ path: pointer(path), message: issue.message });
  }
  return { errors, warnings };
}
