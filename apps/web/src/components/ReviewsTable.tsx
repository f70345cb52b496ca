import type { Review } from '../api/types';
import { readDate } from '../format/dates';
import { humanize, text } from '../format/words';
import { StatusBadge } from './badges';
import { supersededBy } from './ReviewChip';
import { authorityText, Value } from './Value';

/** Every review of a deal or a listing with its full record; conditions and remedies unfold. */
export function ReviewsTable({ reviews }: { reviews: Review[] }) {
  if (!reviews?.length) return <p className="muted">No regulatory review reported.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Reviews" tabIndex={0}>
      <table>
        <caption className="visually-hidden">Regulatory reviews</caption>
        <thead>
          <tr>
            <th scope="col">Review</th>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Authority</th>
            <th scope="col">Regime · phase</th>
            <th scope="col">State</th>
            <th scope="col">Outcome</th>
            <th scope="col">Suspensory</th>
            <th scope="col">Deadline</th>
            <th scope="col">Opened</th>
            <th scope="col">Decided</th>
            <th scope="col">Conditions</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((review) => {
            const later = supersededBy(review, reviews);
            return (
              <tr key={review.review_id} data-review={review.review_id}>
                <th scope="row">{review.review_id}</th>
                <td>{text(review.jurisdiction)}</td>
                <td>{authorityText(review.authority)}</td>
                <td>
                  {humanize(review.regime)} · {humanize(review.phase)}
                </td>
                <td>
                  <StatusBadge status={review.state} />
                  {later ? <div className="small">superseded by {later.review_id}</div> : null}
                </td>
                <td>{review.outcome ? <StatusBadge status={review.outcome} /> : '—'}</td>
                <td>{review.suspensory === null || review.suspensory === undefined ? 'not reported' : review.suspensory ? 'yes' : 'no'}</td>
                <td>{review.statutory_deadline ? readDate(review.statutory_deadline) : '—'}</td>
                <td>{review.opened_on ? readDate(review.opened_on) : 'unknown'}</td>
                <td>{review.decided_on ? readDate(review.decided_on) : '—'}</td>
                <td>
                  {review.conditions?.length ? (
                    <details>
                      <summary>{review.conditions.length}</summary>
                      <Value value={review.conditions} />
                    </details>
                  ) : (
                    'none'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
