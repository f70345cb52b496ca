import { useParams } from 'react-router';
import type { Listing } from '../api/types';
import { ConfidenceBadge, StatusBadge } from '../components/badges';
import { ResourceFooter, ResourceState, SubjectTimeline, useResource } from '../components/resource-parts';
import { ReviewsTable } from '../components/ReviewsTable';
import { CompanyName, Fields, Money, Value } from '../components/Value';
import { formatBasisPoints } from '../format/money';
import { text } from '../format/words';
import { money, valuationOf } from './listing-figures';

// Shown in their own places above; the rest of the record is listed under "Everything else".
const SHOWN = [
  'id',
  'subject',
  'kind',
  'status',
  'company',
  'venue',
  'ticker',
  'offer_price',
  'gross_proceeds',
  'valuation',
  'first_day',
  'dates',
  'reviews',
  'sources',
  'confidence',
  'version',
  'last_global_position',
  'provenance',
  'retracted_event_ids',
];

/** One listing attempt: where, the money raised and the first day, its reviews, sources and timeline. */
export function ListingPage() {
  const id = useParams().id ?? '';
  const listing = useResource<Listing>(`/v1/listings/${encodeURIComponent(id)}`);
  return (
    <ResourceState query={listing} what="Loading the listing">
      {(l) => (
        <article>
          <h1>
            <CompanyName value={l.company} /> on {text(l.venue, 'an unknown venue')}{' '}
            {l.ticker ? <span className="muted">({text(l.ticker)})</span> : null}
          </h1>
          <p className="lead">
            <span data-testid="listing-status">
              <StatusBadge status={l.status} />
            </span>{' '}
            <span className="muted">{l.id}</span> <ConfidenceBadge confidence={l.confidence} />
          </p>
          <dl className="fields">
            <div className="field">
              <dt>Offer price</dt>
              <dd>
                <Money value={money(l.offer_price)} compact={false} />
              </dd>
            </div>
            <div className="field">
              <dt>Gross proceeds</dt>
              <dd>
                <Money value={money(l.gross_proceeds)} />
              </dd>
            </div>
            <div className="field">
              <dt>Valuation</dt>
              <dd>{valuationOf(l) ? <Value value={l.valuation} /> : '—'}</dd>
            </div>
            <div className="field">
              <dt>First day</dt>
              <dd>
                {l.first_day ? (
                  <>
                    open <Money value={money(l.first_day.open_price)} compact={false} />, close{' '}
                    <Money value={money(l.first_day.first_day_close)} compact={false} />,{' '}
                    {formatBasisPoints(l.first_day.first_day_change_bp)}
                  </>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div className="field">
              <dt>Dates</dt>
              <dd>
                <Fields value={l.dates ?? {}} />
              </dd>
            </div>
          </dl>
          <section aria-labelledby="listing-reviews">
            <h2 id="listing-reviews">Reviews</h2>
            <ReviewsTable reviews={l.reviews ?? []} />
          </section>
          <details>
            <summary>Everything else on record</summary>
            <Fields value={l} omit={SHOWN} />
          </details>
          <ResourceFooter resource={l} />
          <SubjectTimeline subject={l.subject} />
        </article>
      )}
    </ResourceState>
  );
}
