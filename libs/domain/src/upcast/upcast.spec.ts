import { describe, expect, it } from '@jest/globals';
import { createUpcaster, upcast, type UpcasterRegistry } from './upcast.js';

const v1 = { type: 'listing.priced', schema_version: 1, data: { proceeds: { amount_minor: 1, currency: 'USD' } } };

describe('upcast', () => {
  it('leaves events alone while the registry is empty', () => {
    expect(upcast(v1)).toBe(v1);
  });

  it('lifts an old shape step by step to the current version', () => {
    // Example: v2 renamed `proceeds` to `gross_proceeds`, v3 added a default basis.
    const registry: UpcasterRegistry = {
      'listing.priced': [
        ({ proceeds, ...rest }) => ({ ...rest, gross_proceeds: proceeds }),
        (data) => ({ gross_proceeds_basis: 'as_reported', ...data }),
      ],
    };
    const lift = createUpcaster(registry);
    expect(lift(v1)).toEqual({
      type: 'listing.priced',
      schema_version: 3,
      data: { gross_proceeds: { amount_minor: 1, currency: 'USD' }, gross_proceeds_basis: 'as_reported' },
    });
    const v2 = { ...v1, schema_version: 2, data: { gross_proceeds: 1 } };
    expect(lift(v2).data).toEqual({ gross_proceeds: 1, gross_proceeds_basis: 'as_reported' });
    expect(lift({ ...v1, type: 'listing.filed' })).toEqual({ ...v1, type: 'listing.filed' });
  });
});
