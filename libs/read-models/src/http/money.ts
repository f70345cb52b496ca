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
 * `currency`, however deep) carrying its decimal `amount` too; nothing else changes.
 */
export function withDecimalAmounts<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withDecimalAmounts) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(object).map(([key, field]) => [key, withDecimalAmounts(field)]));
  return (isMoney(object) ? { amount: decimalAmount(object.amount_minor, object.currency), ...fields } : fields) as T;
}
