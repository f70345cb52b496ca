import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { api, apiAll } from '../api/client';
import type { LogEvent, Resource } from '../api/types';
import { atPointInTime } from '../time/points';
import { useTimeTravel } from '../time/time-travel';
import { ConfidenceBadge } from './badges';
import { EventCard } from './EventCard';
import { isNotFound, ProblemNotice, QueryState } from './feedback';
import { SourceCard } from './SourceCard';
import { Value } from './Value';

/** Fields every resource carries for bookkeeping, shown by ResourceFooter rather than with the facts. */
export const BOOKKEEPING_FIELDS = [
  'id',
  'subject',
  'kind',
  'sources',
  'confidence',
  'version',
  'last_global_position',
  'provenance',
  'retracted_event_ids',
];

/** One resource at the page's point in time; `404` there means it did not exist yet. */
export function useResource<T extends Resource>(path: string) {
  const time = useTimeTravel();
  return useQuery({
    queryKey: [path, time.query],
    queryFn: ({ signal }) => api<T>(path, { query: time.query, signal }),
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
}

export function ResourceState<T>({ query, children, what }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; what: string }) {
  const time = useTimeTravel();
  if (query.isError && isNotFound(query.error) && time.active) {
    return (
      <div className="notice" role="status">
        Not in the ledger at that point in time. <ProblemNotice error={query.error} />
      </div>
    );
  }
  return (
    <QueryState query={query} what={what}>
      {children}
    </QueryState>
  );
}

/** The page of the resource `{collection}/{:id}` at the page's point in time. */
export function ResourcePage<T extends Resource>({
  collection,
  what,
  children,
}: {
  collection: string;
  what: string;
  children: (resource: T) => ReactNode;
}) {
  const id = useParams().id ?? '';
  const query = useResource<T>(`${collection}/${encodeURIComponent(id)}`);
  return (
    <ResourceState query={query} what={`Loading ${what}`}>
      {children}
    </ResourceState>
  );
}

/** Version, log position, confidence and the sources behind a resource, with its provenance when the API gives one. */
export function ResourceFooter({ resource }: { resource: Resource }) {
  return (
    <>
      <p className="meta">
        version {resource.version} · last event #{resource.last_global_position} · best-backed fact{' '}
        <ConfidenceBadge confidence={resource.confidence} />
      </p>
      <section aria-labelledby={`sources-${resource.id}`}>
        <h2 id={`sources-${resource.id}`}>Sources</h2>
        {resource.sources?.length ? (
          <div className="cards">
            {resource.sources.map((source, index) => (
              <SourceCard
                key={index}
                source={source}
                heading={typeof source.publisher === 'string' ? source.publisher : `Source ${index + 1}`}
              />
            ))}
          </div>
        ) : (
          <p className="muted">None.</p>
        )}
      </section>
      {resource.provenance ? (
        <details>
          <summary>Provenance: which event and source stated each fact</summary>
          <Value value={resource.provenance} />
        </details>
      ) : null}
    </>
  );
}

/** A subject's stream, newest first, cut at the page's point in time (recorded by `as_of`, started by `valid_at`). */
export function SubjectTimeline({ subject }: { subject: string }) {
  const time = useTimeTravel();
  const stream = useQuery({
    queryKey: ['stream', subject],
    queryFn: ({ signal }) => apiAll<LogEvent>(`/v1/subjects/${encodeURIComponent(subject)}/events`, {}, { signal }),
  });
  return (
    <section aria-labelledby={`timeline-${subject}`}>
      <h2 id={`timeline-${subject}`}>Timeline</h2>
      <QueryState query={stream} what="Loading the timeline">
        {(events) => {
          const shown = atPointInTime(events, time.asOf, time.validAt).reverse();
          return shown.length === 0 ? (
            <p className="muted">No events at that point.</p>
          ) : (
            <ol className="event-list">
              {shown.map((event) => (
                <li key={event.global_position}>
                  <EventCard event={event} />
                </li>
              ))}
            </ol>
          );
        }}
      </QueryState>
    </section>
  );
}
