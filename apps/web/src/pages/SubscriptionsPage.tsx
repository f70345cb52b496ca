import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, apiAll } from '../api/client';
import type { Subscription } from '../api/types';
import { useSession } from '../auth/session';
import { StatusBadge } from '../components/badges';
import { ConfidenceSelect } from '../components/ConfidenceSelect';
import { ProblemNotice, QueryState } from '../components/feedback';
import { SecretOnce } from '../components/SecretOnce';
import { formatTimestamp } from '../format/dates';
import { TLink } from '../time/time-travel';
import { EMPTY_DRAFT, subscriptionBody, type SubscriptionDraft } from './subscription-form';

/** Webhook subscriptions: the list for every key, and a form for keys that may create them. */
export function SubscriptionsPage() {
  const { can } = useSession();
  const subscriptions = useQuery({
    queryKey: ['subscriptions'],
    queryFn: ({ signal }) => apiAll<Subscription>('/v1/subscriptions', {}, { signal }),
  });
  const [created, setCreated] = useState<(Subscription & { secret: string }) | null>(null);
  return (
    <>
      <h1>Subscriptions</h1>
      {created ? (
        <>
          <p className="notice" role="status">
            Created <TLink to={`/subscriptions/${created.id}`}>{created.url}</TLink>.
          </p>
          <SecretOnce secret={created.secret} onDone={() => setCreated(null)} />
        </>
      ) : null}
      {can('subscriptions:write') ? <CreateSubscription onCreated={setCreated} /> : null}
      <QueryState query={subscriptions} what="Loading subscriptions">
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No subscriptions yet.</p>
          ) : (
            <ul className="cards" aria-label="Subscriptions">
              {rows.map((subscription) => (
                <li key={subscription.id} className="card" data-subscription={subscription.id}>
                  <h2>
                    <TLink to={`/subscriptions/${subscription.id}`}>{subscription.description || subscription.url}</TLink>
                  </h2>
                  <p>
                    <StatusBadge status={subscription.status} /> <code>{subscription.url}</code>
                  </p>
                  <p className="muted">
                    {subscription.event_types.join(', ')} · since {formatTimestamp(subscription.created_at)}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

function CreateSubscription({ onCreated }: { onCreated: (created: Subscription & { secret: string }) => void }) {
  const [draft, setDraft] = useState<SubscriptionDraft>(EMPTY_DRAFT);
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const id = useId();
  const create = useMutation({
    mutationFn: () => api<Subscription & { secret: string }>('/v1/subscriptions', { method: 'POST', body: subscriptionBody(draft) }),
    onSuccess: (created) => {
      setDraft(EMPTY_DRAFT);
      setOpen(false);
      onCreated(created);
      void queryClient.invalidateQueries({ queryKey: ['subscriptions'] });
    },
  });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        New subscription
      </button>
    );
  }
  const field = (name: keyof SubscriptionDraft, label: string, hint?: string, props: Record<string, unknown> = {}) => (
    <div>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        value={draft[name]}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
        aria-describedby={hint ? `${id}-${name}-hint` : undefined}
        {...props}
      />
      {hint ? (
        <span id={`${id}-${name}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label="New subscription">
      <h2>New subscription</h2>
      {field('url', 'Endpoint URL', 'https; the service signs every delivery (Standard Webhooks)', {
        type: 'url',
        required: true,
        placeholder: 'https://example.com/hooks/newsledger',
      })}
      {field('description', 'Description')}
      {field('event_types', 'Event types', '* for all, a family like acquisition.*, or exact types; comma-separated', { required: true })}
      {field('companies', 'Companies', 'company ids, e.g. company:meta; empty for any')}
      {field('regions', 'Regions', 'ISO codes or EU; empty for any')}
      {field('jurisdictions', 'Review jurisdictions', 'empty for any')}
      <div>
        <label htmlFor={`${id}-min_confidence`}>Minimum confidence</label>
        <ConfidenceSelect
          id={`${id}-min_confidence`}
          value={draft.min_confidence}
          onChange={(min_confidence) => setDraft({ ...draft, min_confidence })}
        />
      </div>
      <div className="filter-actions">
        <button type="submit" disabled={create.isPending}>
          Create subscription
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <ProblemNotice error={create.error} />
    </form>
  );
}
