import { describe, expect, it } from '@jest/globals';
import { foldSubject, type ChipTradeState } from '@newsledger/domain';
import { corridorDestination, corridorProducts } from './corridor-products.js';

describe('corridorProducts', () => {
  it('names the product family of the corridor slug, with no other product known', () => {
    const state = foldSubject('chiptrade:nvidia-h200-us-cn', []) as ChipTradeState;
    expect(corridorProducts(state)).toEqual([{ product_id: null, name: 'nvidia-h200' }]);
  });

  it('collects references and plain words wherever the state holds them, once each', () => {
    const state = foldSubject('chiptrade:asml-duv-immersion-nl-cn', []) as ChipTradeState;
    const h200 = { product_id: 'product:nvidia-h200', name: 'H200', vendor: { company_id: 'company:nvidia' } };
    const facts = {
      ...state,
      export: { ...state.export, products: [h200, 'systems incorporating A100'] },
      import: { ...state.import, approvals: [{ product: h200 }, { product: 'H20' }] },
      amendments: [{ changes: [{ op: 'add', path: '/products/-', value: { product_id: 'product:asml-nxt-1980i', name: 'NXT:1980i' } }] }],
    } as unknown as ChipTradeState;
    expect(corridorProducts(facts)).toEqual(
      expect.arrayContaining([
        { product_id: 'product:nvidia-h200', name: 'H200', vendor: { company_id: 'company:nvidia' } },
        { product_id: null, name: 'systems incorporating A100' },
        { product_id: null, name: 'H20' },
        { product_id: 'product:asml-nxt-1980i', name: 'NXT:1980i' },
        { product_id: null, name: 'asml-duv-immersion' },
      ]),
    );
    expect(corridorProducts(facts)).toHaveLength(5);
  });

  it('reads the destination from the corridor subject', () => {
    expect(corridorDestination('chiptrade:amd-mi308-us-cn')).toBe('CN');
  });
});
