/** Money as the API sends it: minor units, and (newer) a decimal `amount` string beside them. */
export interface MoneyLike {
  amount_minor?: number | string | null;
  amount?: number | string | null;
  currency: string;
  approximate?: boolean | null;
}

export function isMoney(value: unknown): value is MoneyLike {
  if (typeof value !== 'object' || value === null) return false;
  const money = value as Record<string, unknown>;
  return typeof money.currency === 'string' && /^[A-Z]{3}$/.test(money.currency) && ('amount_minor' in money || 'amount' in money);
}

// Prefixes readers of financial news expect; other currencies are shown by their ISO code.
const PREFIX: Record<string, string> = {
  USD: 'US$',
  HKD: 'HK$',
  JPY: '¥',
  CNY: 'CN¥',
  EUR: '€',
  GBP: '£',
  SGD: 'S$',
  TWD: 'NT$',
  KRW: '₩',
  AUD: 'A$',
  CAD: 'C$',
  INR: '₹',
};

/** Digits after the decimal point of a currency's minor unit (JPY 0, USD 2). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The amount in major units, from the decimal string when there is one. */
export function majorAmount(money: MoneyLike): number | null {
  if (money.amount !== undefined && money.amount !== null && money.amount !== '') {
    const amount = Number(money.amount);
    if (Number.isFinite(amount)) return amount;
  }
  if (money.amount_minor === undefined || money.amount_minor === null) return null;
  const minor = Number(money.amount_minor);
  return Number.isFinite(minor) ? minor / 10 ** minorDigits(money.currency) : null;
}

function trimmed(value: number, digits: number): string {
  return value.toLocaleString('en', { maximumFractionDigits: digits });
}

/** `US$560M`, `HK$1.04bn`, `¥1,455`, `US$22.4795`; `≈` marks an approximate figure. */
export function formatMoney(money: MoneyLike, { compact = true }: { compact?: boolean } = {}): string {
  const amount = majorAmount(money);
  const prefix = PREFIX[money.currency] ?? `${money.currency} `;
  const approx = money.approximate ? '≈' : '';
  if (amount === null) return `${approx}${prefix}?`;
  const sign = amount < 0 ? '−' : '';
  const abs = Math.abs(amount);
  let text: string;
  if (abs === 0) text = '0';
  else if (compact && abs >= 1e9) text = `${trimmed(abs / 1e9, 2)}bn`;
  else if (compact && abs >= 1e6) text = `${trimmed(abs / 1e6, 1)}M`;
  else {
    const digits = minorDigits(money.currency);
    const exact = typeof money.amount === 'string' ? (money.amount.split('.')[1]?.length ?? 0) : 0;
    text = abs.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, exact) });
  }
  return `${approx}${sign}${prefix}${text}`;
}

/** The full figure for a tooltip: `USD 560,000,000.00, approximate`. */
export function describeMoney(money: MoneyLike): string {
  const amount = majorAmount(money);
  const digits = minorDigits(money.currency);
  const figure =
    amount === null ? 'unknown amount' : amount.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: 6 });
  return `${money.currency} ${figure}${money.approximate ? ', approximate' : ''}`;
}

/** Sums per currency, never converting; approximate when any part is. */
export function sumByCurrency(items: (MoneyLike | null | undefined)[]): MoneyLike[] {
  const sums = new Map<string, { amount: number; approximate: boolean }>();
  for (const money of items) {
    if (!money) continue;
    const amount = majorAmount(money);
    if (amount === null) continue;
    const sum = sums.get(money.currency) ?? { amount: 0, approximate: false };
    sums.set(money.currency, { amount: sum.amount + amount, approximate: sum.approximate || !!money.approximate });
  }
  return [...sums].map(([currency, { amount, approximate }]) => ({ currency, amount: String(amount), approximate }));
}

/** Basis points as a signed percentage: 4835 → `+48.35 %`. */
export function formatBasisPoints(bp: number | null | undefined): string {
  if (bp === null || bp === undefined || !Number.isFinite(Number(bp))) return '—';
  const value = Number(bp) / 100;
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toLocaleString('en', { maximumFractionDigits: 2 })} %`;
}
