/** The fields a source actually gave (not null, not absent): only these replace what a state had. */
export function givenFields<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined | null> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined | null>;
  };
}
