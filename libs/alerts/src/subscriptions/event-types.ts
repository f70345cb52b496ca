import { EVENT_TYPES } from '@newsledger/domain';

/** Messages about the subscriptions themselves, sent beside the ledger's events. */
export const OPERATIONAL_TYPES = ['subscription.disabled', 'subscription.test'] as const;

const SUBSCRIBABLE: readonly string[] = [...EVENT_TYPES, ...OPERATIONAL_TYPES];

/** `*`, a family like `acquisition.*`, or one type like `acquisition.review_opened`. */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z][a-z0-9_]*\.(\*|[a-z][a-z0-9_]*))$/;

export function matchesEventType(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/** A well-formed pattern that no type of the catalog (or operational message) could ever match. */
export function unknownEventTypePatterns(patterns: readonly string[]): string[] {
  return patterns.filter((pattern) => !SUBSCRIBABLE.some((type) => matchesEventType([pattern], type)));
}
