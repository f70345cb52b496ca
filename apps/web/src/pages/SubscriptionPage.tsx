import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, type Page } from '../api/client';
import type { Delivery, Replay, Subscription } from '../api/types';
import { useSession } from '../auth/session';
import { StatusBadge } from '../components/badges';
import { ProblemNotice, QueryState } from '../components/feedback';
import { SecretOnce } from '../components/SecretOnce';
import { Fields } from '../components/Value';
import { formatTimestamp } from '../format/dates';
import { humanize } from '../format/words';
import { normalizeTimePoint } from '../time/TimeTravelBar';
import { words } from './subscription-form';

const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'];

/** One subscription: its settings and actions, replays with their progress, and the delivery log. */
export function SubscriptionPage() {
  const id = useParams().id ?? '';
  const path = `/v1/subscriptions/${encodeURIComponent(id)}`;
  const subscription = useQuery({ queryKey: ['subscription', id], queryFn: ({ signal }) => api<Subscription>(path, { signal }) });
  const { can } = useSession();
  return (
    <QueryState query={subscription} what="Loading the subscription">
      {(s) => (
        <article>
          <h1>{s.description || s.url}</h1>
          <p className="lead">
            <span data-testid="subscription-status">
              <StatusBadge status={s.status} />
            </span>{' '}
            {s.disabled_reason ? <span>({s.disabled_reason})</span> : null} <code>{s.url}</code>
          </p>
          <Fields
            value={{
              event_types: s.event_types,
              filter: s.filter,
              created: formatTimestamp(s.created_at),
              previous_secret_signs_until: s.previous_secret_expires_at ? formatTimestamp(s.previous_secret_expires_at) : null,
            }}
          />
          {can('subscriptions:write') ? <SubscriptionActions subscription={s} path={path} /> : null}
          {can('subscriptions:write') ? <ReplayForm path={path} disabled={s.status !== 'active'} /> : null}
          <DeliveryLog path={path} canRetry={can('subscriptions:write')} />
        </article>
      )}
    </QueryState>
  );
}

function SubscriptionActions({ subscription, path }: { subscription: Subscription; path: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['subscription', subscription.id] });
  const action = useMutation({
    mutationFn: async (name: 'test' | 'rotate-secret' | 'disable' | 'enable' | 'delete') => {
      if (name === 'delete') return api<void>(path, { method: 'DELETE' });
      return api<{ secret?: string; delivery_id?: string }>(`${path}/${name}`, { method: 'POST' });
    },
    onSuccess: (result, name) => {
      setMessage(null);
      if (name === 'delete') {
        void queryClient.invalidateQueries({ queryKey: ['subscriptions'] });
        navigate('/subscriptions');
        return;
      }
      if (result && 'secret' in result && result.secret) setSecret(result.secret);
      if (name === 'test') setMessage('Test message queued: watch the delivery log.');
      refresh();
      void queryClient.invalidateQueries({ queryKey: ['deliveries', path] });
    },
  });
  const active = subscription.status === 'active';
  return (
    <section aria-labelledby="actions" className="card">
      <h2 id="actions">Actions</h2>
      <div className="actions">
        <button type="button" disabled={!active || action.isPending} onClick={() => action.mutate('test')}>
          Send a test
        </button>
        <button
          type="button"
          disabled={action.isPending}
          onClick={() => confirm('Rotate the secret? The old one keeps signing for 24 hours.') && action.mutate('rotate-secret')}
        >
          Rotate secret
        </button>
        {active ? (
          <button type="button" className="secondary" disabled={action.isPending} onClick={() => action.mutate('disable')}>
            Pause
          </button>
        ) : (
          <button type="button" disabled={action.isPending} onClick={() => action.mutate('enable')}>
            Enable
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={action.isPending}
          onClick={() => confirm('Delete this subscription and stop all its deliveries?') && action.mutate('delete')}
        >
          Delete
        </button>
      </div>
      {message ? <p role="status">{message}</p> : null}
      {secret ? <SecretOnce secret={secret} onDone={() => setSecret(null)} /> : null}
      <ProblemNotice error={action.error} />
    </section>
  );
}

function ReplayForm({ path, disabled }: { path: string; disabled: boolean }) {
  const id = useId();
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [types, setTypes] = useState('');
  const [replayId, setReplayId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => {
      const point = (text: string, endOfDay: boolean) => {
        const normalized = normalizeTimePoint(text);
        return /^\d{4}-\d{2}-\d{2}$/.test(normalized) ? `${normalized}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : normalized;
      };
      const body = {
        since: since ? point(since, false) : undefined,
        until: until ? point(until, true) : undefined,
        event_types: words(types).length ? words(types) : undefined,
      };
      return api<{ replay_id: string; matched: number }>(`${path}/replay`, { method: 'POST', body });
    },
    onSuccess: (result) => setReplayId(result.replay_id),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <section aria-labelledby="replay" className="card">
      <h2 id="replay">Replay past events</h2>
      <form className="form-grid" onSubmit={submit}>
        <div>
          <label htmlFor={`${id}-since`}>Recorded since</label>
          <input
            id={`${id}-since`}
            value={since}
            onChange={(event) => setSince(event.target.value)}
            placeholder="2026-01-01 or a timestamp"
          />
        </div>
        <div>
          <label htmlFor={`${id}-until`}>Recorded until</label>
          <input id={`${id}-until`} value={until} onChange={(event) => setUntil(event.target.value)} placeholder="now" />
        </div>
        <div>
          <label htmlFor={`${id}-types`}>Event types</label>
          <input id={`${id}-types`} value={types} onChange={(event) => setTypes(event.target.value)} placeholder="the subscription's own" />
        </div>
        <div className="filter-actions">
          <button type="submit" disabled={disabled || start.isPending}>
            Start replay
          </button>
        </div>
      </form>
      {disabled ? <p className="muted">Enable the subscription to replay.</p> : null}
      <ProblemNotice error={start.error} />
      {replayId ? <ReplayProgress id={replayId} matched={start.data?.matched ?? 0} /> : null}
    </section>
  );
}

function ReplayProgress({ id, matched }: { id: string; matched: number }) {
  const replay = useQuery({
    queryKey: ['replay', id],
    queryFn: ({ signal }) => api<Replay>(`/v1/replays/${id}`, { signal }),
    refetchInterval: (query) => (['completed', 'failed'].includes(query.state.data?.status ?? '') ? false : 1000),
  });
  const progress = replay.data?.progress ?? 0;
  return (
    <div className="replay-progress">
      <label htmlFor={`replay-${id}`}>
        Replay {humanize(replay.data?.status ?? 'pending')}: {replay.data?.enqueued ?? 0} of {replay.data?.matched ?? matched} events
        enqueued
      </label>
      <progress id={`replay-${id}`} max={1} value={progress}>
        {Math.round(progress * 100)} %
      </progress>
      {replay.data?.deliveries ? (
        <p className="muted">
          {Object.entries(replay.data.deliveries)
            .map(([status, count]) => `${count} ${status}`)
            .join(' · ')}
        </p>
      ) : null}
      {replay.data?.error ? <p role="alert">{replay.data.error}</p> : null}
    </div>
  );
}

function DeliveryLog({ path, canRetry }: { path: string; canRetry: boolean }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    queryKey: ['deliveries', path, status],
    queryFn: ({ signal }) => api<Page<Delivery>>(`${path}/deliveries`, { query: { status: status || undefined, limit: 100 }, signal }),
    refetchInterval: 2000,
  });
  const retry = useMutation({
    mutationFn: (deliveryId: string) => api<Delivery>(`/v1/deliveries/${deliveryId}/retry`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['deliveries', path] }),
  });
  return (
    <section aria-labelledby="deliveries">
      <h2 id="deliveries">Delivery log</h2>
      <div className="filters">
        <div>
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">all</option>
            {DELIVERY_STATUSES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
      </div>
      <ProblemNotice error={retry.error} />
      <QueryState query={deliveries} what="Loading deliveries">
        {(page) =>
          page.data.length === 0 ? (
            <p className="muted">No deliveries{status ? ` ${status}` : ''} yet.</p>
          ) : (
            <ol className="deliveries" aria-label="Deliveries, newest first">
              {page.data.map((delivery) => (
                <li key={delivery.id} className="card delivery" data-delivery={delivery.id} data-event-type={delivery.event_type}>
                  <p>
                    <StatusBadge status={delivery.status} /> <strong>{humanize(delivery.event_type)}</strong>{' '}
                    {delivery.global_position ? <span className="muted">event #{delivery.global_position}</span> : null}{' '}
                    {delivery.replay_id ? <span className="badge tone-info">replay</span> : null}
                  </p>
                  <p className="meta">
                    <code>{delivery.message_id}</code> · created {formatTimestamp(delivery.created_at)} · {delivery.attempt_count} attempt
                    {delivery.attempt_count === 1 ? '' : 's'}
                    {delivery.next_attempt_at ? ` · next ${formatTimestamp(delivery.next_attempt_at)}` : ''}
                  </p>
                  {delivery.attempts.length ? (
                    <details>
                      <summary>Attempts</summary>
                      <table className="attempts">
                        <thead>
                          <tr>
                            <th scope="col">When</th>
                            <th scope="col">Status</th>
                            <th scope="col">Latency</th>
                            <th scope="col">Response or error</th>
                          </tr>
                        </thead>
                        <tbody>
                          {delivery.attempts.map((attempt, index) => (
                            <tr key={index}>
                              <td>{formatTimestamp(attempt.attempted_at)}</td>
                              <td>{attempt.status_code ?? '—'}</td>
                              <td>{attempt.latency_ms ?? '—'} ms</td>
                              <td>
                                <code className="excerpt">{attempt.error ?? attempt.response_excerpt ?? ''}</code>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </details>
                  ) : null}
                  {canRetry && delivery.status === 'dead' ? (
                    <button type="button" disabled={retry.isPending} onClick={() => retry.mutate(delivery.id)}>
                      Retry
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
