import type { RecordedEvent } from './recorded-event.js';

/** Turns the data of one schema version of a type into the next version's shape. */
export type Upcaster = (data: Record<string, unknown>, event: RecordedEvent) => Record<string, unknown>;

/**
 * Keyed by (type, schema_version): `registry[type][n - 1]` lifts version n to n + 1, so a type's
 * current version is one more than its number of upcasters. The domain's registry has this shape.
 */
export type UpcasterRegistry = Readonly<Record<string, readonly Upcaster[]>>;

/** Nest token for the registry EventStore applies on read; provide it from a global module. */
export const EVENT_UPCASTERS = Symbol('EVENT_UPCASTERS');

/** The event in its type's current shape; stored rows are never rewritten. */
export function upcastEvent(registry: UpcasterRegistry, event: RecordedEvent): RecordedEvent {
  const steps = registry[event.type] ?? [];
  if (event.schema_version > steps.length) return event;
  let data = event.data;
  for (let version = event.schema_version; version <= steps.length; version++) data = steps[version - 1](data, event);
  return { ...event, data, schema_version: steps.length + 1 };
}
