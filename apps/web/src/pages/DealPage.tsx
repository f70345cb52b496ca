import { useParams } from 'react-router';
import type { Acquisition } from '../api/types';
import { ConfidenceBadge, StatusBadge } from '../components/badges';
import { ResourceFooter, ResourceState, SubjectTimeline, useResource } from '../components/resource-parts';
import { ReviewsTable } from '../components/ReviewsTable';
import { CompanyName, Fields, Money, Value } from '../components/Value';
import { dealValue } from './deal-figures';

/** One acquisition: parties, terms, every review, how it ended, its sources and its timeline. */
export function DealPage() {
  const id = useParams().id ?? '';
  const deal = useResource<Acquisition>(`/v1/acquisitions/${encodeURIComponent(id)}`);
  return (
    <ResourceState query={deal} what="Loading the deal">
      {(d) => (
        <article>
          <h1>
            <CompanyName value={d.acquirer} /> <span aria-label="acquires">→</span> <CompanyName value={d.target} />
          </h1>
          <p className="lead">
            <span data-testid="deal-status">
              <StatusBadge status={d.status} />
            </span>{' '}
            <span className="muted">{d.id}</span> <ConfidenceBadge confidence={d.confidence} />
          </p>
          <dl className="fields">
            <div className="field">
              <dt>Value</dt>
              <dd>
                <Money value={dealValue(d)} />
              </dd>
            </div>
            <div className="field">
              <dt>Expected close</dt>
              <dd>
                <Value value={d.terms?.expected_close} />
              </dd>
            </div>
            <div className="field">
              <dt>Dates</dt>
              <dd>
                <Fields value={d.dates ?? {}} />
              </dd>
            </div>
            {d.termination ? (
              <div className="field">
                <dt>Termination</dt>
                <dd>
                  <Value value={d.termination} />
                </dd>
              </div>
            ) : null}
          </dl>
          <section aria-labelledby="deal-reviews">
            <h2 id="deal-reviews">Regulatory reviews</h2>
            <ReviewsTable reviews={d.reviews ?? []} />
          </section>
          <section aria-labelledby="deal-terms">
            <h2 id="deal-terms">Terms</h2>
            {d.terms ? <Fields value={d.terms} /> : <p className="muted">No terms reported.</p>}
            {Array.isArray(d.amendments) && d.amendments.length ? (
              <details>
                <summary>Amendments ({d.amendments.length})</summary>
                <Value value={d.amendments} />
              </details>
            ) : null}
          </section>
          <ResourceFooter resource={d} />
          <SubjectTimeline subject={d.subject} />
        </article>
      )}
    </ResourceState>
  );
}
