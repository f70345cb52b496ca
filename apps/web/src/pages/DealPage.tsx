import type { Acquisition } from '../api/types';
import { ConfidenceBadge, StatusBadge } from '../components/badges';
import { ResourceFooter, ResourcePage, SubjectTimeline } from '../components/resource-parts';
import { ReviewsTable } from '../components/ReviewsTable';
import { CompanyName, Field, Fields, Money, Value } from '../components/Value';
import { dealValue } from './deal-figures';

/** One acquisition: parties, terms, every review, how it ended, its sources and its timeline. */
export function DealPage() {
  return (
    <ResourcePage<Acquisition> collection="/v1/acquisitions" what="the deal">
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
            <Field label="Value">
              <Money value={dealValue(d)} />
            </Field>
            <Field label="Expected close">
              <Value value={d.terms?.expected_close} />
            </Field>
            <Field label="Dates">
              <Fields value={d.dates ?? {}} />
            </Field>
            {d.termination ? (
              <Field label="Termination">
                <Value value={d.termination} />
              </Field>
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
    </ResourcePage>
  );
}
