import { useQuery } from '@tanstack/react-query';
import { apiAll } from '../api/client';
import type { Acquisition } from '../api/types';
import { ConfidenceBadge, StatusBadge } from '../components/badges';
import { QueryState } from '../components/feedback';
import { ReviewChip } from '../components/ReviewChip';
import { CompanyName, Field, Money, Value } from '../components/Value';
import { TLink, useTimeTravel } from '../time/time-travel';
import { dealValue, DEAL_STATUSES } from './deal-figures';

/** Acquisitions in columns by derived status, each with a chip per regulatory review. */
export function DealsPage() {
  const time = useTimeTravel();
  const deals = useQuery({
    queryKey: ['acquisitions', time.query],
    queryFn: ({ signal }) => apiAll<Acquisition>('/v1/acquisitions', time.query, { signal }),
  });
  return (
    <>
      <h1>Deal board</h1>
      <QueryState query={deals} what="Loading deals">
        {(rows) => {
          const statuses = [
            ...DEAL_STATUSES,
            ...new Set(rows.map((deal) => deal.status).filter((status) => !DEAL_STATUSES.includes(status))),
          ];
          return (
            <div className="board">
              {statuses.map((status) => {
                const column = rows.filter((deal) => deal.status === status);
                return (
                  <section key={status} className="board-column" aria-labelledby={`column-${status}`} data-status={status}>
                    <h2 id={`column-${status}`}>
                      <StatusBadge status={status} /> <span className="muted">{column.length}</span>
                    </h2>
                    {column.length === 0 ? <p className="muted">none</p> : column.map((deal) => <DealCard key={deal.id} deal={deal} />)}
                  </section>
                );
              })}
            </div>
          );
        }}
      </QueryState>
    </>
  );
}

function DealCard({ deal }: { deal: Acquisition }) {
  return (
    <article className="card deal-card" data-deal={deal.id} data-status={deal.status} aria-labelledby={`deal-${deal.id}`}>
      <h3 id={`deal-${deal.id}`}>
        <TLink to={`/deals/${deal.id}`}>{deal.id}</TLink>
      </h3>
      <p>
        <CompanyName value={deal.acquirer} /> <span aria-label="acquires">→</span> <CompanyName value={deal.target} />
      </p>
      <dl className="fields compact">
        <Field label="Value">
          <Money value={dealValue(deal)} />
        </Field>
        <Field label="Expected close">
          <Value value={deal.terms?.expected_close} />
        </Field>
        <Field label="Confidence">
          <ConfidenceBadge confidence={deal.confidence} />
        </Field>
      </dl>
      {deal.reviews?.length ? (
        <ul className="chips" aria-label={`Reviews of ${deal.id}`}>
          {deal.reviews.map((review) => (
            <li key={review.review_id}>
              <ReviewChip review={review} reviews={deal.reviews} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No regulatory review reported.</p>
      )}
    </article>
  );
}
