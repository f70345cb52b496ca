import type { ReactNode } from 'react';
import { humanize } from '../format/words';

// Colour follows meaning, and the words are always there too (colour is never the only signal).
const TONES: Record<string, string> = {
  under_review: 'warn',
  open: 'warn',
  suspended: 'warn',
  filed: 'warn',
  planned: 'info',
  marketing: 'info',
  priced: 'info',
  rumored: 'info',
  announced: 'info',
  licence_required: 'warn',
  restricted: 'warn',
  approved_conditional: 'warn',
  pending: 'warn',
  failed: 'warn',
  rebuilding: 'warn',
  blocked: 'bad',
  terminated: 'bad',
  withdrawn: 'bad',
  postponed: 'bad',
  delisted: 'bad',
  denied: 'bad',
  revoked: 'bad',
  prohibited: 'bad',
  dead: 'bad',
  disabled: 'bad',
  cleared: 'good',
  cleared_with_conditions: 'good',
  completed: 'good',
  trading: 'good',
  decided: 'good',
  approved: 'good',
  granted: 'good',
  licensed: 'good',
  succeeded: 'good',
  active: 'good',
  live: 'good',
  moot: 'muted',
  closed_without_decision: 'muted',
};

export function StatusBadge({ status, label }: { status: string | null | undefined; label?: string }) {
  const tone = (status && TONES[status]) ?? 'muted';
  return <span className={`badge tone-${tone}`}>{label ?? humanize(status ?? 'unknown')}</span>;
}

const CONFIDENCE_TONE: Record<string, string> = {
  official: 'good',
  confirmed: 'good',
  reported: 'info',
  anonymous_sources: 'warn',
  rumor: 'bad',
};

export function ConfidenceBadge({ confidence }: { confidence: unknown }) {
  if (typeof confidence !== 'string') return <span className="badge tone-muted">confidence unknown</span>;
  return (
    <span className={`badge tone-${CONFIDENCE_TONE[confidence] ?? 'muted'}`} title="confidence">
      {humanize(confidence)}
    </span>
  );
}

export function Chip({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <span className="chip" aria-label={label}>
      {children}
    </span>
  );
}
