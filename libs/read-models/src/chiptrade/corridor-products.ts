import type { ChipTradeState } from '@newsledger/domain';

/** A product as the chip-trade filters match it: its id when the report gave one, and its name or the words reported. */
export interface ProductKey {
  product_id: string | null;
  name: string | null;
}

function keyOf(value: unknown): ProductKey | null {
  if (typeof value === 'string') return { product_id: null, name: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { product_id: id, name } = value as Record<string, unknown>;
  const key = { product_id: typeof id === 'string' ? id : null, name: typeof name === 'string' ? name : null };
  return key.product_id === null && key.name === null ? null : key;
}

/**
 * Every product a corridor's state names, wherever the events put it: `product` and `products` fields
 * (references `{product_id, name, …}` or plain words) and any ProductRef deeper down (a change adding
 * a product to a requirement). The corridor's own slug names its product family (`nvidia-h200` in
 * `chiptrade:nvidia-h200-us-cn`), so it is one of them too.
 */
export function corridorProducts(state: ChipTradeState): ProductKey[] {
  const found = new Map<string, ProductKey>();
  const add = (key: ProductKey | null) => {
    if (key) found.set(`${key.product_id}\n${key.name}`, key);
  };
  const visit = (value: unknown, field: string | null): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (field === 'products') add(keyOf(item));
        visit(item, null);
      }
    } else if (value !== null && typeof value === 'object') {
      if (field === 'product' || typeof (value as { product_id?: unknown }).product_id === 'string') add(keyOf(value));
      for (const [key, child] of Object.entries(value)) visit(child, key);
    } else if (field === 'product' && typeof value === 'string') {
      add(keyOf(value));
    }
  };
  // Bookkeeping names sources and events, never products.
  const { sources: _sources, ...facts } = state;
  visit(facts, null);
  add({ product_id: null, name: state.subject.slice('chiptrade:'.length).split('-').slice(0, -2).join('-') });
  return [...found.values()];
}

/** The destination of a corridor `chiptrade:<product>-<origin>-<destination>`, as an ISO 3166 code. */
export function corridorDestination(subject: string): string {
  return subject.slice(subject.lastIndexOf('-') + 1).toUpperCase();
}
