import type { Listing } from '../api/types';
import { ConfidenceBadge, StatusBadge } from '../components/badges';
import { BOOKKEEPING_FIELDS, ResourceFooter, ResourcePage, SubjectTimeline } from '../components/resource-parts';
import { ReviewsTable } from '../components/ReviewsTable';
import { CompanyName, Field, Fields, Money, Value } from '../components/Value';
import { formatBasisPoints } from '../format/money';
import { text } from '../format/words';
import { money, valuationOf } from './listing-figures';

// Shown in their own places above; the rest of the record is listed under "Everything else".
const SHOWN = [
  ...BOOKKEEPING_FIELDS,
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
];

/** One listing attempt: where, the money raised and the first day, its reviews, sources and timeline. */
export function ListingPage() {
  return (
    <ResourcePage<Listing> collection="/v1/listings" what="the listing">
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
            <Field label="Offer price">
              <Money value={money(l.offer_price)} compact={false} />
            </Field>
            <Field label="Gross proceeds">
              <Money value={money(l.gross_proceeds)} />
            </Field>
            <Field label="Valuation">{valuationOf(l) ? <Value value={l.valuation} /> : '—'}</Field>
            <Field label="First day">
              {l.first_day ? (
                <>
                  open <Money value={money(l.first_day.open_price)} compact={false} />, close{' '}
                  <Money value={money(l.first_day.first_day_close)} compact={false} />, {formatBasisPoints(l.first_day.first_day_change_bp)}
                </>
              ) : (
                '—'
              )}
            </Field>
            <Field label="Dates">
              <Fields value={l.dates ?? {}} />
            </Field>
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
    </ResourcePage>
  );
}
