import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, apiAll, type Page } from '../api/client';
import { recentPosition, useLiveLog } from '../api/live-log';
import type { Company, LogEvent } from '../api/types';
import { ConfidenceSelect } from '../components/ConfidenceSelect';
import { EventCard } from '../components/EventCard';
import { ProblemNotice, QueryState } from '../components/feedback';
import { confidenceRank, humanize, text } from '../format/words';
import { atPointInTime } from '../time/points';
import { useTimeTravel } from '../time/time-travel';

const FAMILIES = ['acquisition.', 'listing.', 'chiptrade.', 'company.', 'rule.', 'signal.', 'fact.'];
const RECENT = 100;
const PAST_LIMIT = 5000;

interface Filters {
  type: string;
  company: string;
  region: string;
  min_confidence: string;
}

/** Region and confidence have no server filter on the log: they narrow what arrives. */
function matches(event: LogEvent, filters: Filters): boolean {
  if (filters.region && !(event.regions ?? []).includes(filters.region.toUpperCase())) return false;
  if (filters.min_confidence && confidenceRank(event.source?.confidence) < confidenceRank(filters.min_confidence)) return false;
  return true;
}

export function TimelinePage() {
  const [params, setParams] = useSearchParams();
  const time = useTimeTravel();
  const filters: Filters = {
    type: params.get('type') ?? '',
    company: params.get('company') ?? '',
    region: params.get('region') ?? '',
    min_confidence: params.get('min_confidence') ?? '',
  };
  const serverFilter = { type: filters.type || undefined, company: filters.company || undefined };

  const start = useQuery({ queryKey: ['recent-position'], queryFn: recentPosition, enabled: !time.active, staleTime: Infinity });
  const after = start.data === undefined ? undefined : Math.max(0, start.data - RECENT);
  const live = useLiveLog(serverFilter, after, !time.active && start.isSuccess);

  // Looking at the past: the log up to that point, read in pages (no live updates).
  const past = useQuery({
    queryKey: ['log-past', serverFilter, time.asOf, time.validAt],
    enabled: time.active,
    queryFn: ({ signal }) => apiAll<LogEvent>('/v1/events', serverFilter, { max: PAST_LIMIT, signal }),
  });
  const pastEvents = useMemo(() => atPointInTime(past.data ?? [], time.asOf, time.validAt).reverse(), [past.data, time.asOf, time.validAt]);

  const [earlier, setEarlier] = useState<LogEvent[]>([]);
  useEffect(() => setEarlier([]), [filters.type, filters.company, after]);
  const loadEarlier = async () => {
    const oldest = [...live.events, ...earlier].reduce((min, event) => Math.min(min, event.global_position), after ?? 0);
    const from = Math.max(0, Math.min(oldest, after ?? oldest) - RECENT - 1);
    const page = await api<Page<LogEvent>>('/v1/events', { query: { ...serverFilter, after: from, limit: RECENT } });
    const fresh = page.data.filter((event) => event.global_position < oldest).reverse();
    setEarlier((current) => [...current, ...fresh]);
  };

  const shown = (time.active ? pastEvents : [...live.events, ...earlier]).filter((event) => matches(event, filters));

  const setFilters = (next: Filters) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      for (const [name, value] of Object.entries(next)) {
        if (value) updated.set(name, value);
        else updated.delete(name);
      }
      return updated;
    });

  return (
    <>
      <h1>Live timeline</h1>
      {/* keyed by the filters, so the form shows what the URL says after back/forward */}
      <TimelineFilters key={JSON.stringify(filters)} filters={filters} onChange={setFilters} />
      {time.active ? (
        <p className="notice" role="status">
          Live updates are off while you look at the past: the log below is filtered to that point.
        </p>
      ) : (
        <LiveStatusLine status={live.status} count={shown.length} />
      )}
      <ProblemNotice error={live.error && live.status === 'reconnecting' ? live.error : null} />
      {time.active ? (
        <QueryState query={past} what="Reading the log">
          {() => <EventList events={shown} />}
        </QueryState>
      ) : (
        <>
          <EventList events={shown} />
          {(after ?? 0) > 0 || earlier.length > 0 ? (
            <button type="button" className="secondary" onClick={() => void loadEarlier()}>
              Show earlier events
            </button>
          ) : null}
        </>
      )}
    </>
  );
}

function LiveStatusLine({ status, count }: { status: string; count: number }) {
  return (
    <p className={`live-status live-${status}`}>
      <span aria-hidden="true">●</span> {status === 'live' ? 'Live' : humanize(status)}
      <span aria-live="polite" aria-atomic="true" className="muted">
        {' '}
        · {count} event{count === 1 ? '' : 's'} shown
      </span>
    </p>
  );
}

function EventList({ events }: { events: LogEvent[] }) {
  if (events.length === 0) return <p className="muted">No events match.</p>;
  return (
    <ol className="event-list" aria-label="Events, newest first">
      {events.map((event) => (
        <li key={event.global_position}>
          <EventCard event={event} />
        </li>
      ))}
    </ol>
  );
}

function TimelineFilters({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const [draft, setDraft] = useState(filters);
  const id = useId();
  const companies = useQuery({
    queryKey: ['companies-all'],
    queryFn: ({ signal }) => apiAll<Company>('/v1/companies', {}, { signal }),
    staleTime: 60_000,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...draft, company: draft.company.replace(/^company:/, '').trim(), region: draft.region.trim().toUpperCase() });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter the timeline">
      <div>
        <label htmlFor={`${id}-type`}>Type</label>
        <input
          id={`${id}-type`}
          list={`${id}-types`}
          value={draft.type}
          onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          placeholder="any, or acquisition."
        />
        <datalist id={`${id}-types`}>
          {FAMILIES.map((family) => (
            <option key={family} value={family} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor={`${id}-company`}>Company</label>
        <input
          id={`${id}-company`}
          list={`${id}-companies`}
          value={draft.company}
          onChange={(e) => setDraft({ ...draft, company: e.target.value })}
          placeholder="any"
        />
        <datalist id={`${id}-companies`}>
          {(companies.data ?? []).map((company) => (
            <option key={company.id} value={company.id}>
              {text(company.display_name, company.id)}
            </option>
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor={`${id}-region`}>Region</label>
        <input
          id={`${id}-region`}
          value={draft.region}
          onChange={(e) => setDraft({ ...draft, region: e.target.value })}
          placeholder="any (CN, EU…)"
          size={8}
          maxLength={2}
        />
      </div>
      <div>
        <label htmlFor={`${id}-confidence`}>At least</label>
        <ConfidenceSelect
          id={`${id}-confidence`}
          value={draft.min_confidence}
          onChange={(min_confidence) => setDraft({ ...draft, min_confidence })}
        />
      </div>
      <div className="filter-actions">
        <button type="submit">Filter</button>
        <button type="button" className="secondary" onClick={() => onChange({ type: '', company: '', region: '', min_confidence: '' })}>
          Clear
        </button>
      </div>
    </form>
  );
}
