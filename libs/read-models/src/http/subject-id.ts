import type { AggregateKind } from '@newsledger/domain';
import { problems } from '@newsledger/platform';
import { z } from 'zod';

const SLUG = '[a-z0-9-]{1,120}';

/**
 * The subject an id names, given with or without its prefix (`meta-manus-2025` and
 * `acquisition:meta-manus-2025` alike); null when it cannot name a subject of that kind.
 */
export function subjectOfId(kind: string, id: string): string | null {
  const slug = id.startsWith(`${kind}:`) ? id.slice(kind.length + 1) : id;
  return new RegExp(`^${SLUG}$`).test(slug) ? `${kind}:${slug}` : null;
}

/** The subject a path id names; an id that cannot be one is as unknown as a missing one. */
export function subjectFromPath(kind: AggregateKind, id: string): string {
  const subject = subjectOfId(kind, id);
  if (subject === null) throw problems.notFound(`No ${kind} ${id}.`);
  return subject;
}

/** A query filter naming a subject of `kind`, with or without its prefix; the route gets the full subject. */
export function subjectFilter(kind: string) {
  return z
    .string()
    .regex(new RegExp(`^(${kind}:)?${SLUG}$`), `expected ${kind}:<slug> or <slug>`)
    .transform((id) => subjectOfId(kind, id)!);
}
