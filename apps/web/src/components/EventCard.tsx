import { memo } from 'react';
import type { LogEvent } from '../api/types';
import { formatDate, formatTimestamp } from '../format/dates';
import { humanize, slugOf } from '../format/words';
import { TLink } from '../time/time-travel';
import { ConfidenceBadge } from './badges';
import { authorityText, productText, SubjectLink } from './Value';

type Json = Record<string, unknown>;

// Fields that say in a few words what an event is about, in the order a reader wants them.
const SUMMARY_FIELDS = [
  'display_name',
  'review_id',
  'jurisdiction',
  'phase',
  'outcome',
  'status',
  'approval_kind',
  'venue',
  'ticker',
  'to_country',
  'name',
  'role',
  'kind',
  'reason',
];

function nameOf(value: unknown): string | null {
  if (typeof value === 'object' && value !== null) {
    const ref = value as Json;
    if (typeof ref.company_id === 'string') return typeof ref.name_as_reported === 'string' ? ref.name_as_reported : slugOf(ref.company_id);
    if ('product_id' in ref) return productText(ref);
    if ('name_as_reported' in ref && 'code' in ref) return authorityText(ref);
  }
  return null;
}

/** A one-line digest of an event's data: the parties it names and its key words. */
export function summarize(data: Json): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(data ?? {})) {
    const named = nameOf(value);
    if (named && !['authority'].includes(name)) parts.push(`${humanize(name)}: ${named}`);
  }
  for (const name of SUMMARY_FIELDS) {
    const value = data?.[name];
    if (typeof value === 'string' || typeof value === 'number') parts.push(`${humanize(name)}: ${humanize(String(value))}`);
  }
  if (data?.authority) parts.push(`authority: ${authorityText(data.authority)}`);
  return parts.slice(0, 5).join(' · ');
}

/** One event of the log in a list: when, what, about whom, from whom, how sure. Memoised: a live list re-renders only its new cards. */
export const EventCard = memo(function EventCard({ event }: { event: LogEvent }) {
  const source = event.source ?? {};
  return (
    <article className="event-card" aria-labelledby={`event-${event.global_position}`}>
      <header>
        <h3 id={`event-${event.global_position}`}>
          <TLink to={`/events/${event.global_position}`}>{humanize(event.type)}</TLink>
        </h3>
        <span className="muted">#{event.global_position}</span>
      </header>
      <p>
        <SubjectLink subject={event.subject} label={event.subject} />
        {event.regions?.length ? <span className="muted"> · {event.regions.join(', ')}</span> : null}
      </p>
      <p className="summary">{summarize(event.data)}</p>
      <p className="meta">
        <span title="when it happened">{formatDate(event.occurred_on, event.occurred_precision)}</span>
        <span title="when the ledger recorded it"> · recorded {formatTimestamp(event.recorded_at)}</span>
        <span> · {typeof source.publisher === 'string' ? source.publisher : 'unknown source'}</span>{' '}
        <ConfidenceBadge confidence={source.confidence} />
      </p>
    </article>
  );
});
