import { DEFAULT_ALERTS_OPTIONS } from '@newsledger/alerts';
import { consumerLag, EventStore, EventStoreModule } from '@newsledger/event-store';
import { PG_POOL, QUEUE_BACKEND, type QueueBackend } from '@newsledger/platform';
import type pg from 'pg';
import { withLedger } from '../cli-runtime.js';

/** `newsledger status`: the log head, how far behind each consumer is, and the webhook queue's depth in jobs. */
export async function statusCommand(): Promise<number> {
  await withLedger([EventStoreModule], async (context) => {
    const pool = context.get<symbol, pg.Pool>(PG_POOL);
    const head = await context.get(EventStore).head();
    const { rows } = await pool.query<{ name: string; global_position: number }>('SELECT name, global_position FROM checkpoints ORDER BY name');
    console.log(`log head: ${head}`);
    for (const { name, global_position } of rows) {
      const lag = await consumerLag(pool, name);
      console.log(`${name.padEnd(28)} position ${String(global_position).padStart(8)}  behind ${lag.lag_events} events (${lag.lag_seconds.toFixed(1)} s)`);
    }
    const backend = context.get<symbol, QueueBackend>(QUEUE_BACKEND);
    const queue = backend.createQueue(DEFAULT_ALERTS_OPTIONS.queueName);
    try {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
      // Jobs, not deliveries: a job carries up to `deliveriesPerJob` of them (a retry is a job of its own).
      console.log(`webhook queue (${backend.kind}), jobs: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    } finally {
      await queue.close();
    }
  });
  return 0;
}
