import { logPosition, pageQuery } from '@newsledger/platform';
import { subjectFilter } from '@newsledger/read-models';
import { z } from 'zod';

const SUBJECT = /^[a-z]+:[a-z0-9-]{1,120}$/;

/** Filters shared by the log page and the live stream. `company` takes a slug or a `company:` subject. */
export const logFilterQuery = z.strictObject({
  after: logPosition.optional(),
  type: z.string().regex(/^[a-z_.*]{1,80}$/, 'a type or a prefix like acquisition.').optional(),
  subject: z.string().regex(SUBJECT, 'a subject like acquisition:meta-manus-2025').optional(),
  company: subjectFilter('company').optional(),
});

export const logPageQuery = logFilterQuery.extend({
  limit: pageQuery.limit,
  cursor: logPosition.optional(),
});

export type LogFilterQuery = z.output<typeof logFilterQuery>;

/** `acquisition.*` and `acquisition.` both mean the prefix. */
export function typePrefix(type: string | undefined): string | undefined {
  return type?.replace(/\*$/, '');
}
