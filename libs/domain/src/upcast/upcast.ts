/** Turns the data of one schema version into the next. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** Per type, the upcasters from version 1 on: `registry[type][n - 1]` lifts version n to n + 1. */
export type UpcasterRegistry = Readonly<Record<string, readonly Upcaster[]>>;

interface Versioned {
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
}

/** No shape has changed yet: every type is at version 1. */
export const UPCASTERS: UpcasterRegistry = {};

export function currentSchemaVersionIn(registry: UpcasterRegistry, type: string): number {
  return 1 + (registry[type]?.length ?? 0);
}

/** Builds `upcast` over a registry: lifts an event, one version at a time, to its type's current shape. */
export function createUpcaster(registry: UpcasterRegistry) {
  return function upcast<E extends Versioned>(event: E): E {
    const steps = (registry[event.type] ?? []).slice(Math.max(0, event.schema_version - 1));
    if (steps.length === 0) return event;
    const data = steps.reduce((d, step) => step(d), event.data);
    return { ...event, data, schema_version: currentSchemaVersionIn(registry, event.type) };
  };
}

export const upcast = createUpcaster(UPCASTERS);

export function currentSchemaVersion(type: string): number {
  return currentSchemaVersionIn(UPCASTERS, type);
}
