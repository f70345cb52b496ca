import type { RecordedEvent } from '@newsledger/event-store';
import type pg from 'pg';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const reviewOf = (event: RecordedEvent) => {
  const reviewId = text(event.data.review_id);
  return reviewId ? { subject: event.subject, review_id: reviewId, key: `${event.subject}\n${reviewId}` } : null;
};

/**
 * The review jurisdiction of each of `events` (by event id): its own `data.jurisdiction`, else the
 * one its review was opened with. Only the first event of a review names it, so it is remembered
 * here for later events of that review (a decision, a phase change) to match jurisdiction filters.
 */
export async function reviewJurisdictions(db: Queryable, events: readonly RecordedEvent[]): Promise<Map<string, string | null>> {
  const known = new Map<string, string>();
  const named: { subject: string; review_id: string; jurisdiction: string }[] = [];
  for (const event of events) {
    const review = reviewOf(event);
    const jurisdiction = text(event.data.jurisdiction);
    if (!review || !jurisdiction || known.has(review.key)) continue;
    known.set(review.key, jurisdiction);
    named.push({ subject: review.subject, review_id: review.review_id, jurisdiction });
  }

  const unnamed = [...new Map(events.map(reviewOf).filter((r) => r !== null && !known.has(r.key)).map((r) => [r!.key, r!])).values()];
  if (unnamed.length > 0) {
    const { rows } = await db.query<{ subject: string; review_id: string; jurisdiction: string }>(
      `SELECT j.subject, j.review_id, j.jurisdiction FROM alert_review_jurisdictions j
       JOIN unnest($1::text[], $2::text[]) AS k(subject, review_id) USING (subject, review_id)`,
      [unnamed.map((r) => r.subject), unnamed.map((r) => r.review_id)],
    );
    for (const row of rows) known.set(`${row.subject}\n${row.review_id}`, row.jurisdiction);
  }
  if (named.length > 0) {
    await db.query(
      `INSERT INTO alert_review_jurisdictions (subject, review_id, jurisdiction)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [named.map((r) => r.subject), named.map((r) => r.review_id), named.map((r) => r.jurisdiction)],
    );
  }
  return new Map(events.map((event) => [event.event_id, text(event.data.jurisdiction) ?? known.get(reviewOf(event)?.key ?? '') ?? null]));
}
