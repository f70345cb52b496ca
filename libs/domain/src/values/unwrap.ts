import type { z } from 'zod';

/** The schema inside `.nullish()` / `.optional()` / `.nullable()` wrappers. */
export function unwrapOptional(schema: z.ZodType): z.ZodType {
  let inner = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while (['optional', 'nullable'].includes(inner._zod.def.type) && inner.unwrap) inner = inner.unwrap() as typeof inner;
  return inner;
}

/** The item schema of a (possibly optional) array schema; null when it is not one. */
export function arrayItem(schema: z.ZodType): z.ZodType | null {
  const inner = unwrapOptional(schema) as z.ZodType & { element?: z.ZodType };
  return inner._zod.def.type === 'array' && inner.element ? inner.element : null;
}
