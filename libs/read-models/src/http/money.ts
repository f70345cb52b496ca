const minorDigits = new Map<string, number>();

/** ISO 4217 minor-unit exponent of a currency (JPY 0, USD 2, KWD 3), as Intl knows it. */
function exponentOf(currency: string): number {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return digits;
}

/** An amount in minor units as an exact decimal string in its currency's major unit: 56000000000 USD → "560000000.00". */
export function decimalAmount(amountMinor: number, currency: string): string {
  const digits = exponentOf(currency);
  const magnitude = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = digits > 0 ? `.${magnitude.slice(-digits)}` : '';
  return `${amountMinor < 0 ? '-' : ''}${whole}${fraction}`;
}

function isMoney(value: Record<string, unknown>): value is { amount_minor: number; currency: string } {
  return Number.isSafeInteger(value.amount_minor) && typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency);
}

/**
 * A response body with every Money in it (any object with an integer `amount_minor` and an ISO 4217
 * `currency`, however deep) carrying its decimal `amount` too; nothing else changes. Only the arrays
 * and plain objects on the way to a Money are copied: most of a body (and of every document a
 * projection stores) holds none, and is passed on as it is instead of rebuilt.
 */
export function withDecimalAmounts<T>(value: T): T {
  if (Array.isArray(value)) return withAmountsInArray(value) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  // A class instance becomes a plain object of its own fields.
  const fields = withAmountsInFields(isPlain(object) ? object : { ...object });
  return (isMoney(object) ? { amount: decimalAmount(object.amount_minor, object.currency), ...fields } : fields) as T;
}

function withAmountsInArray(items: unknown[]): unknown[] {
  let copy: unknown[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = withDecimalAmounts(items[i]);
    if (item !== items[i]) (copy ??= items.slice())[i] = item;
  }
  return copy ?? items;
}

/** The object itself when no field changes, else a copy with the fields in the same order. */
function withAmountsInFields(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(object)) {
    const field = withDecimalAmounts(object[key]);
    if (field !== object[key]) (copy ??= { ...object })[key] = field;
  }
  return copy ?? object;
}

/** An object whose fields are all it is: not a class instance. */
function isPlain(object: object): boolean {
  const prototype = Object.getPrototypeOf(object);
  return prototype === Object.prototype || prototype === null;
}
