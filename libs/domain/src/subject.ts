import { AGGREGATE_KINDS, aggregateOf, type AggregateKind } from './catalog.js';
import { InvalidSubject } from './errors.js';

export const SUBJECT_PATTERN = new RegExp(`^(${AGGREGATE_KINDS.join('|')}):[a-z0-9-]{1,120}$`);

export function isValidSubject(subject: string): boolean {
  return SUBJECT_PATTERN.test(subject);
}

/** The aggregate of a well-formed subject; throws InvalidSubject otherwise. */
export function kindOfSubject(subject: string): AggregateKind {
  const kind = isValidSubject(subject) ? aggregateOf(subject) : null;
  if (kind === null) throw new InvalidSubject(subject);
  return kind;
}
