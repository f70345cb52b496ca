import type { ReactNode } from 'react';
import { isDated, isWindow, formatWindow, readDate } from '../format/dates';
import { describeMoney, formatMoney, isMoney, type MoneyLike } from '../format/money';
import { humanize, pageOfSubject, slugOf } from '../format/words';
import { TLink } from '../time/time-travel';

// Shapes the domain widens over time (consideration, products, authorities, dated facts) are
// recognised by their fields; anything else is shown as labelled text, never dropped and never a crash.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function Money({ value, compact = true }: { value: MoneyLike | null | undefined; compact?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="money" title={describeMoney(value)}>
      {formatMoney(value, { compact })}
      {value.approximate ? <span className="visually-hidden"> (approximate)</span> : null}
    </span>
  );
}

/** A company as a link to its page: `{company_id, name_as_reported}` or a `company:` subject. */
export function CompanyName({ value }: { value: unknown }) {
  if (typeof value === 'string') return <SubjectLink subject={value} />;
  if (isObject(value) && typeof value.company_id === 'string') {
    const label = typeof value.name_as_reported === 'string' ? value.name_as_reported : slugOf(value.company_id);
    return <SubjectLink subject={value.company_id} label={label} />;
  }
  return <Value value={value} />;
}

export function SubjectLink({ subject, label }: { subject: string; label?: string }) {
  const page = pageOfSubject(subject);
  const text = label ?? slugOf(subject);
  return page ? <TLink to={page}>{text}</TLink> : <span>{text}</span>;
}

/** An authority: its code when known, else the words of the report (`Beijing (regulatory review)`). */
export function authorityText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return '—';
  const code = typeof value.code === 'string' ? value.code : null;
  const name = typeof value.name_as_reported === 'string' ? value.name_as_reported : typeof value.name === 'string' ? value.name : null;
  if (code && name && name !== code) return `${code} (${name})`;
  return code ?? name ?? 'authority not named';
}

export function productText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return String(value);
  const name = typeof value.name === 'string' ? value.name : typeof value.product_id === 'string' ? slugOf(value.product_id) : 'product';
  const vendor = isObject(value.vendor) ? (value.vendor.name_as_reported ?? slugOf(String(value.vendor.company_id ?? ''))) : value.vendor;
  return vendor ? `${name} (${String(vendor)})` : name;
}

function Scalar({ value }: { value: string | number | boolean }) {
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  if (typeof value === 'number') return <span>{value.toLocaleString('en')}</span>;
  if (/^https?:\/\//.test(value)) {
    return (
      <a href={value} target="_blank" rel="noopener noreferrer">
        {value}
      </a>
    );
  }
  if (/^(company|acquisition|listing|chiptrade|rule):[a-z0-9-]+$/.test(value)) return <SubjectLink subject={value} />;
  return <span>{value}</span>;
}

/** Any value of an event or a resource, rendered by its shape. */
export function Value({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return <Scalar value={value} />;
  if (isMoney(value)) return <Money value={value} compact={false} />;
  if (isDated(value)) return <span>{readDate(value)}</span>;
  if (isObject(value) && typeof value.company_id === 'string') return <CompanyName value={value} />;
  if (isObject(value) && typeof value.product_id === 'string') return <span>{productText(value)}</span>;
  if (isObject(value) && 'name_as_reported' in value && 'code' in value) return <span>{authorityText(value)}</span>;
  if (isWindow(value)) return <span>{formatWindow(value)}</span>;
  if (depth > 4) return <code className="json">{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every((item) => typeof item === 'string' || typeof item === 'number')) {
      return (
        <span>
          {value.map((item, index) => (
            <span key={index}>
              {index > 0 ? ', ' : ''}
              <Scalar value={item as string | number} />
            </span>
          ))}
        </span>
      );
    }
    return (
      <ul className="value-list">
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (isObject(value)) return <Fields value={value} depth={depth + 1} />;
  return <code className="json">{JSON.stringify(value)}</code>;
}

/** One labelled entry of a definition list (`<dl className="fields">`). */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** An object as a definition list of humanized field names. */
export function Fields({ value, depth = 0, omit = [] }: { value: Json; depth?: number; omit?: string[] }) {
  const entries = Object.entries(value).filter(([name]) => !omit.includes(name));
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <dl className="fields">
      {entries.map(([name, field]) => (
        <Field key={name} label={humanize(name)}>
          <Value value={field} depth={depth} />
        </Field>
      ))}
    </dl>
  );
}
