import type { z } from 'zod';
import { ACQUISITION_EVENTS } from './acquisition/acquisition.events.js';
import { CHIPTRADE_EVENTS } from './chiptrade/chiptrade.events.js';
import { COMPANY_EVENTS } from './company/company.events.js';
import { LISTING_EVENTS } from './listing/listing.events.js';
import { META_EVENTS } from './meta/meta.events.js';
import { RULE_EVENTS } from './rule/rule.events.js';
import { SIGNAL_EVENTS } from './signal/signal.events.js';
import type { EventSchemas } from './stream/fact.js';

/** Each aggregate's data schemas, keyed by type in lifecycle order (the valid-time sort ranks by this order). */
const AGGREGATE_EVENTS = {
  company: COMPANY_EVENTS,
  listing: LISTING_EVENTS,
  acquisition: ACQUISITION_EVENTS,
  chiptrade: CHIPTRADE_EVENTS,
  rule: RULE_EVENTS,
  signal: SIGNAL_EVENTS,
} as const satisfies Record<string, EventSchemas>;

export type AggregateKind = keyof typeof AGGREGATE_EVENTS;
export const AGGREGATE_KINDS = Object.keys(AGGREGATE_EVENTS) as AggregateKind[];

const SCHEMAS: EventSchemas = Object.assign({}, ...Object.values(AGGREGATE_EVENTS), META_EVENTS);

/** Every catalog type, meta-events (`fact.*`) included. */
export const EVENT_TYPES: readonly string[] = Object.freeze(Object.keys(SCHEMAS));

export function isKnownEventType(type: string): boolean {
  return Object.hasOwn(SCHEMAS, type);
}

/** The zod schema of a type's `data` (strict objects: unnamed keys come out as `unrecognized_keys`). */
export function dataSchemaFor(type: string): z.ZodType | null {
  return isKnownEventType(type) ? SCHEMAS[type] : null;
}

const NAMED_KEYS = new Map(
  Object.entries(SCHEMAS).map(([type, schema]) => [type, new Set(Object.keys((schema as z.ZodObject).shape ?? {}))] as const),
);

/** The `data` keys a type's schema names; states keep the others as details. */
export function namedKeysOf(type: string): ReadonlySet<string> {
  return NAMED_KEYS.get(type) ?? new Set();
}

function isAggregateKind(name: string): name is AggregateKind {
  return Object.hasOwn(AGGREGATE_EVENTS, name);
}

/** `'listing:zhipu-xhkg-2026'` or `'listing.priced'` → `'listing'`; meta types and unknown prefixes → null. */
export function aggregateOf(subjectOrType: string): AggregateKind | null {
  const prefix = /^([a-z]+)[.:]/.exec(subjectOrType)?.[1] ?? '';
  return isAggregateKind(prefix) ? prefix : null;
}

const RANKS = new Map(Object.values(AGGREGATE_EVENTS).flatMap((events) => Object.keys(events).map((type, rank) => [type, rank] as const)));

/** Position of a type in its aggregate's lifecycle; ties between overlapping valid times fall back to it. */
export function lifecycleRank(type: string): number {
  return RANKS.get(type) ?? 0;
}
