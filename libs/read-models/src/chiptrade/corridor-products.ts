import type { ChipTradeState } from '@newsledger/domain';

/** A product as reported: a reference `{product_id, name, vendor?, category?…}` kept whole, or plain words as its name. */
export interface Product {
  product_id: string | null;
  name: string | null;
  [field: string]: unknown;
}

function productOf(value: unknown): Product | null {
  if (typeof value === 'string') return { product_id: null, name: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { product_id: id, name } = value as Record<string, unknown>;
  const product = { ...value, product_id: typeof id === 'string' ? id : null, name: typeof name === 'string' ? name : null };
  return product.product_id === null && product.name === null ? null : product;
}

/**
 * Every product named in `value`, wherever the events put it: `product` and `products` fields
 * (references or plain words) and any ProductRef deeper down (a change adding a product to a
 * requirement); once each.
 */
export function productsIn(value: unknown): Product[] {
  const found = new Map<string, Product>();
  const add = (product: Product | null) => {
    if (product) found.set(`${product.product_id}\n${product.name}`, product);
  };
  const visit = (node: unknown, field: string | null): void => {
    if (Array.isArray(node)) {
      for (const item of node) {
        if (field === 'products') add(productOf(item));
        visit(item, null);
      }
    } else if (node !== null && typeof node === 'object') {
      if (field === 'product' || typeof (node as { product_id?: unknown }).product_id === 'string') add(productOf(node));
      for (const [key, child] of Object.entries(node)) visit(child, key);
    } else if (field === 'product') {
      add(productOf(node));
    }
  };
  visit(value, null);
  return [...found.values()];
}

/** The products a corridor's state names. */
export function statedProducts(state: ChipTradeState): Product[] {
  // Bookkeeping names sources and events, never products.
  const { sources: _sources, provenance: _provenance, ...facts } = state;
  return productsIn(facts);
}

/**
 * The products a corridor names, as its filter matches them: those its state names, and the product
 * family its slug names (`nvidia-h200` in `chiptrade:nvidia-h200-us-cn`).
 */
export function corridorProducts(state: ChipTradeState): Product[] {
  const family = state.subject.slice('chiptrade:'.length).split('-').slice(0, -2).join('-');
  return [...statedProducts(state), { product_id: null, name: family }];
}

/** The destination of a corridor `chiptrade:<product>-<origin>-<destination>`, as an ISO 3166 code. */
export function corridorDestination(subject: string): string {
  return subject.slice(subject.lastIndexOf('-') + 1).toUpperCase();
}
