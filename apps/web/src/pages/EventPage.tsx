import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, apiAll, ApiError, type Page } from '../api/client';
import type { LogEvent } from '../api/types';
import { ConfidenceBadge } from '../components/badges';
import { QueryState } from '../components/feedback';
import { SourceCard } from '../components/SourceCard';
import { Field, Fields, SubjectLink, Value } from '../components/Value';
import { formatDate, formatTimestamp } from '../format/dates';
import { humanize } from '../format/words';
import { TLink } from '../time/time-travel';

const META = ['fact.corrected', 'fact.corroborated', 'fact.retracted'];

async function loadEvent(position: number): Promise<{ event: LogEvent; stream: LogEvent[] }> {
  const page = await api<Page<LogEvent>>('/v1/events', { query: { after: position - 1, limit: 1 } });
  const event = page.data[0];
  if (!event || event.global_position !== position)
    throw new ApiError({ status: 404, title: 'No such event', detail: `The log has no event at position ${position}.` });
  const stream = await apiAll<LogEvent>(`/v1/subjects/${encodeURIComponent(event.subject)}/events`);
  return { event, stream };
}

/** One event: its data, its source, and what later events of its stream said about it. */
export function EventPage() {
  const position = Number(useParams().position);
  const query = useQuery({
    queryKey: ['event', position],
    queryFn: () => loadEvent(position),
    enabled: Number.isInteger(position) && position > 0,
  });
  return (
    <QueryState query={query} what="Loading the event">
      {({ event, stream }) => {
        const about = stream.filter((other) => META.includes(other.type) && other.data?.target_event_id === event.event_id);
        const target = META.includes(event.type) ? stream.find((other) => other.event_id === event.data?.target_event_id) : undefined;
        return (
          <article className="event-page">
            <h1>{humanize(event.type)}</h1>
            <p>
              About <SubjectLink subject={event.subject} label={event.subject} /> · version {event.version} · position #
              {event.global_position}
            </p>
            <dl className="fields">
              <Field label="Happened">
                {formatDate(event.occurred_on, event.occurred_precision)}{' '}
                {event.occurred_precision && event.occurred_precision !== 'day' ? (
                  <span className="muted">({event.occurred_precision} precision)</span>
                ) : null}
              </Field>
              <Field label="Recorded">{formatTimestamp(event.recorded_at)}</Field>
              <Field label="Companies">
                <Value value={event.companies} />
              </Field>
              <Field label="Regions">
                <Value value={event.regions} />
              </Field>
              <Field label="Event id">
                <code>{event.event_id}</code>
              </Field>
            </dl>
            {target ? (
              <p className="notice">
                This {humanize(event.type)} is about{' '}
                <TLink to={`/events/${target.global_position}`}>
                  {humanize(target.type)} #{target.global_position}
                </TLink>
                .
              </p>
            ) : null}
            <div className="two-columns">
              <section className="card" aria-labelledby="event-data">
                <h2 id="event-data">Data</h2>
                <Fields value={event.data ?? {}} />
              </section>
              <SourceCard source={event.source} />
            </div>
            <section aria-labelledby="event-about">
              <h2 id="event-about">Corrections and corroborations</h2>
              {about.length === 0 ? (
                <p className="muted">No later event corrects, corroborates or retracts this one.</p>
              ) : (
                <ol className="event-list">
                  {about.map((meta) => (
                    <li key={meta.event_id} className="card">
                      <h3>
                        <TLink to={`/events/${meta.global_position}`}>{humanize(meta.type)}</TLink>{' '}
                        {meta.data?.kind ? <span className="badge tone-info">{humanize(String(meta.data.kind))}</span> : null}
                        {meta.data?.resulting_confidence ? (
                          <>
                            {' '}
                            → <ConfidenceBadge confidence={meta.data.resulting_confidence} />
                          </>
                        ) : null}
                      </h3>
                      <p className="meta">
                        recorded {formatTimestamp(meta.recorded_at)} · {String(meta.source?.publisher ?? 'unknown source')}{' '}
                        <ConfidenceBadge confidence={meta.source?.confidence} />
                      </p>
                      <Fields value={meta.data ?? {}} omit={['target_event_id', 'kind', 'resulting_confidence']} />
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </article>
        );
      }}
    </QueryState>
  );
}
