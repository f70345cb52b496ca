/** Replaces the first item `same` picks, or appends: lists keep the order in which their items became known. */
export function upsert<T>(items: readonly T[], item: T, same: (existing: T) => boolean): T[] {
  const at = items.findIndex(same);
  return at < 0 ? [...items, item] : items.map((existing, i) => (i === at ? item : existing));
}
