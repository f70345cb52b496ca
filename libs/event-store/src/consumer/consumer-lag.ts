import { metrics } from '@newsledger/platform';
import type { Queryable } from '../log-reads.js';

export interface ConsumerLag {
  /** Committed events after the checkpoint in log order. */
  lag_events: number;
  /** Age of the oldest of them by recorded_at; 0 when caught up. */
  lag_seconds: number;
}

// A consumer that never ran is at the start of the log. The count stays a bigint: the pool's parser
// turns it into a number, refusing one a number cannot hold.
const LAG_SQL = `
  WITH checkpoint AS (
    SELECT transaction_id, global_position FROM checkpoints WHERE name = $1
    UNION ALL SELECT '0'::xid8, 0::bigint
    ORDER BY global_position DESC LIMIT 1)
  SELECT count(*) AS lag_events,
         coalesce(extract(epoch FROM now() - min(e.recorded_at)), 0)::float8 AS lag_seconds
    FROM checkpoint c JOIN events e ON (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)`;

export async function consumerLag(db: Queryable, name: string): Promise<ConsumerLag> {
  const { rows } = await db.query<ConsumerLag>(LAG_SQL, [name]);
  return rows[0];
}

/** The consumers of this process whose lag /metrics reports, measured when it is scraped. */
const running = new Set<{ name: string; db: Queryable }>();
// Both gauges are filled from one measurement per scrape.
let measuring: Promise<Map<string, ConsumerLag>> | null = null;

function measure(): Promise<Map<string, ConsumerLag>> {
  measuring ??= (async () => {
    const lags = new Map<string, ConsumerLag>();
    for (const { name, db } of running) lags.set(name, await consumerLag(db, name).catch(() => ({ lag_events: NaN, lag_seconds: NaN })));
    return lags;
  })().finally(() => setImmediate(() => (measuring = null)));
  return measuring;
}

function lagGauge(name: string, help: string, field: keyof ConsumerLag) {
  return metrics.gauge({
    name,
    help,
    labelNames: ['consumer'],
    async collect() {
      this.reset();
      for (const [consumer, lag] of await measure()) this.set({ consumer }, lag[field]);
    },
  });
}

lagGauge('event_store_consumer_lag_events', 'Events committed after the consumer checkpoint', 'lag_events');
lagGauge('event_store_consumer_lag_seconds', 'Age of the oldest event the consumer has not processed', 'lag_seconds');

/** Reports consumer `name`'s lag on /metrics until the returned function is called. */
export function reportLag(name: string, db: Queryable): () => void {
  const entry = { name, db };
  running.add(entry);
  return () => running.delete(entry);
}
