import { z } from 'zod';

/** Any non-empty string: names, titles, free text. */
export const text = z.string().min(1);
export const optionalText = text.nullish();

/**
 * A descriptive label that drives no state (a regime, a genre, a termination reason): the catalog's
 * labels are listed, and a label it does not know is kept verbatim with a warning, because a reporter's
 * category ("exchange approval") is a fact, not a typo to refuse. Enums that drive state stay z.enum.
 */
export function label(known: readonly string[], what: string) {
  return text
    .superRefine((value, ctx) => {
      if (!known.includes(value))
        ctx.addIssue({
          code: 'custom',
          input: value,
          params: { warning: true },
          message: `'${value}' is not a ${what} the catalog lists (${known.join(', ')}); kept verbatim`,
        });
    })
    .meta({ examples: [...known] });
}
