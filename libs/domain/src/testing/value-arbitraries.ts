import fc from 'fast-check';
import { ACQUISITION_EVENTS } from '../acquisition/acquisition.events.js';
import { CHIPTRADE_EVENTS } from '../chiptrade/chiptrade.events.js';
import { LISTING_EVENTS } from '../listing/listing.events.js';
import { authorityRef } from '../values/authority-ref.js';
import { companyRef } from '../values/company-ref.js';
import { conditions, fees } from '../values/conditions.js';
import { consideration } from '../values/consideration.js';
import { ISO_DATE_PATTERN, FIRST_YEAR, LAST_YEAR } from '../values/dates.js';
import { moneyValue } from '../values/money.js';
import { quantity } from '../values/numbers.js';
import { productList } from '../values/product-ref.js';
import { unwrapOptional } from '../values/unwrap.js';
import { venue } from '../values/venue.js';
import { window } from '../values/window.js';
import type { z } from 'zod';

// One arbitrary per value type of libs/domain/src/values: every shape it accepts (structure, partial
// structure, words, unnamed extra keys), so property tests can feed any of them to every field.

/** A reporter's words: any non-empty text that is not shaped like an ISO date (those must be dates). */
export const words = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => !ISO_DATE_PATTERN.test(s));
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);
const code = (letters: number) => fc.stringMatching(new RegExp(`^[A-Z]{${letters}}$`));
/** Unnamed keys a richer report adds; kept verbatim (with warnings). */
const extra = fc.dictionary(fc.constantFrom('note_as_reported', 'basis_note', 'x_detail'), fc.oneof(words, fc.integer()), { maxKeys: 2 });
const withExtra = <T extends object>(arb: fc.Arbitrary<T>) => fc.tuple(arb, extra).map(([value, more]) => ({ ...more, ...value }));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T, requiredKeys: (keyof T)[] = []) =>
  fc.record(model, { requiredKeys: requiredKeys as never[] });

export const isoDate = fc
  .date({ min: new Date(Date.UTC(FIRST_YEAR, 0, 1)), max: new Date(Date.UTC(LAST_YEAR, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const precision = fc.constantFrom('day', 'month', 'quarter', 'year', 'unknown');
const decimalString = fc.tuple(fc.nat(100_000), fc.nat(999_999)).map(([whole, part]) => `${whole}.${part}`);

export const money = partial(
  { amount_minor: fc.maxSafeInteger().filter((n) => !Object.is(n, -0)), currency: code(3), approximate: optional(fc.boolean()) },
  ['amount_minor', 'currency'],
);
const exactAmount = fc.record({ amount: decimalString, currency: code(3) });
export const moneyValueArb = fc.oneof(
  money,
  withExtra(
    partial({ amount: money, basis: fc.constantFrom('as_reported', 'fully_diluted', 'a basis of their own'), as_reported: words }, [
      'amount',
    ]),
  ),
  words,
);

export const companyRefArb = fc.oneof(
  withExtra(partial({ company_id: optional(slug.map((s) => `company:${s}`)), name_as_reported: optional(words) })),
  words,
);
export const authorityRefArb = fc.oneof(
  withExtra(
    partial({
      code: optional(
        fc.oneof(
          code(2),
          fc.tuple(code(2), fc.stringMatching(/^[A-Z0-9_]{1,8}$/)).map(([c, body]) => `${c}-${body}`),
        ),
      ),
      name_as_reported: optional(words),
    }),
  ),
  words,
);
const productRef = fc.oneof(
  withExtra(
    partial({
      product_id: optional(slug.map((s) => `product:${s}`)),
      name: optional(words),
      vendor: optional(companyRefArb),
      category: optional(words),
    }),
  ),
  words,
);
export const productListArb = fc.array(productRef, { maxLength: 3 });
export const venueArb = fc.oneof(
  withExtra(partial({ mic: optional(fc.stringMatching(/^[A-Z0-9]{4}$/)), name_as_reported: optional(words) })),
  words,
);
export const windowArb = fc.oneof(
  isoDate,
  words,
  withExtra(
    partial({
      date: optional(isoDate),
      start: optional(isoDate),
      end: optional(isoDate),
      precision: optional(precision),
      as_reported: optional(words),
    }),
  ).filter((w) => !w.start || !w.end || w.start <= w.end),
);
export const quantityArb = fc.nat({ max: Number.MAX_SAFE_INTEGER });

const component = fc.oneof(
  withExtra(
    partial({
      kind: fc.constantFrom('cash', 'stock', 'earn_out', 'restricted_stock_units', 'contingent value rights'),
      per_share: moneyValueArb,
      per_share_exact: exactAmount,
      exchange_ratio: fc.oneof(
        decimalString,
        fc.integer({ min: 0, max: 1000 }).map((n) => n / 16),
      ),
      security: fc.oneof(partial({ issuer: companyRefArb, class: words }), words),
      amount: moneyValueArb,
      maximum: moneyValueArb,
      units: quantityArb,
      share_bp: fc.integer({ min: -10_000, max: 10_000 }),
      approximate: fc.boolean(),
      adjustable: fc.boolean(),
    }),
  ),
  words,
);
export const considerationArb = fc.oneof(
  withExtra(
    partial({
      type: fc.constantFrom('cash', 'stock', 'mixed', 'election', 'other'),
      per_share: optional(moneyValueArb),
      per_share_exact: exactAmount,
      exchange_ratio: optional(decimalString),
      components: fc.array(component, { maxLength: 3 }),
      options: fc.array(component, { maxLength: 2 }),
      mechanism: fc.constantFrom('merger', 'tender_offer', 'scheme_of_arrangement'),
      premium_bp: fc.integer({ min: -10_000, max: 100_000 }),
      premium_basis: words,
      adjustable: fc.boolean(),
    }),
  ),
  words,
);

const condition = fc.oneof(
  withExtra(
    partial({
      type: fc.constantFrom('licence', 'divestiture', 'revenue_share', 'validity_period', 'a remedy of its own'),
      summary: words,
      duration_months: quantityArb,
      rate_bp: fc.integer({ min: 0, max: 10_000 }),
      payee: companyRefArb,
    }),
  ),
  words,
);
export const conditionsArb = fc.oneof(fc.array(condition, { maxLength: 3 }), words);
const fee = fc.oneof(
  withExtra(
    partial({
      kind: fc.constantFrom('termination_fee', 'reverse_termination_fee'),
      amount: moneyValueArb,
      payer: companyRefArb,
      payee: companyRefArb,
    }),
  ),
  words,
);
export const feesArb = fc.oneof(fc.array(fee, { maxLength: 2 }), words);

/**
 * Changes that name no field the amended thing has (those must carry a value the field takes, which
 * the given/when/then specs cover): operations on unnamed paths, kinds with summaries, words.
 */
const change = fc.oneof(
  withExtra(
    partial(
      {
        op: fc.constantFrom('add', 'replace'),
        path: slug.map((s) => `/unnamed_${s.replaceAll('-', '_')}/x`),
        from: fc.jsonValue(),
        to: words,
      },
      ['op', 'path', 'to'],
    ),
  ),
  withExtra(partial({ kind: words, type: words, summary: words, buyer: companyRefArb })),
  words,
);
export const changesArb = fc.oneof(fc.array(change, { maxLength: 3 }), words);

const changesField = (schema: z.ZodType) => unwrapOptional((schema as z.ZodObject).shape.changes);

/** Each value type: the schemas fields use for it, and its arbitrary. */
export const VALUE_TYPES: { name: string; schemas: z.ZodType[]; arbitrary: fc.Arbitrary<unknown> }[] = [
  { name: 'MoneyValue', schemas: [moneyValue], arbitrary: moneyValueArb },
  { name: 'CompanyRef', schemas: [companyRef], arbitrary: companyRefArb },
  { name: 'AuthorityRef', schemas: [authorityRef], arbitrary: authorityRefArb },
  { name: 'ProductRef list', schemas: [productList], arbitrary: productListArb },
  { name: 'Venue', schemas: [venue], arbitrary: venueArb },
  { name: 'Window (and dates in data)', schemas: [window], arbitrary: windowArb },
  { name: 'Consideration', schemas: [consideration], arbitrary: considerationArb },
  { name: 'Conditions', schemas: [conditions], arbitrary: conditionsArb },
  { name: 'Fees', schemas: [fees], arbitrary: feesArb },
  { name: 'Quantity', schemas: [quantity], arbitrary: quantityArb },
  {
    name: 'Change list',
    schemas: [
      changesField(ACQUISITION_EVENTS['acquisition.terms_amended']),
      changesField(LISTING_EVENTS['listing.terms_revised']),
      changesField(CHIPTRADE_EVENTS['chiptrade.export_requirement_amended']),
    ],
    arbitrary: changesArb,
  },
];
