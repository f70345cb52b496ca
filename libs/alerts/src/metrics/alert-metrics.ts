import { metrics } from '@newsledger/platform';
import type { Queue } from 'bullmq';

/** Attempts by what became of the delivery: succeeded, failed (will retry), dead. */
export const deliveryOutcomes = metrics.counter({
  name: 'webhook_deliveries_total',
  help: 'Webhook delivery attempts by outcome',
  labelNames: ['outcome'],
});

export const deliveryLatency = metrics.histogram({
  name: 'webhook_delivery_duration_seconds',
  help: 'Duration of one webhook HTTP attempt, connection to the end of the (capped) response',
  labelNames: ['outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
});

export const endToEndLatency = metrics.histogram({
  name: 'webhook_end_to_end_seconds',
  help: "From an event's recorded_at to the 2xx of its webhook (first deliveries, not replays)",
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

const tracked = new Set<Queue>();
const STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

// Collected on scrape from every live delivery queue of the process (tests and `npm start` host several).
metrics.gauge({
  name: 'webhook_queue_depth',
  help: 'Jobs in the webhook delivery queue by state',
  labelNames: ['queue', 'state'],
  async collect() {
    this.reset();
    for (const queue of tracked) {
      const counts = await queue.getJobCounts(...STATES).catch(() => null);
      if (!counts) continue;
      for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
    }
  },
});

export function trackQueueDepth(queue: Queue): () => void {
  tracked.add(queue);
  return () => tracked.delete(queue);
}
