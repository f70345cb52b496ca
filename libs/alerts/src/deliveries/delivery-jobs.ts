import { groupJobId } from './delivery-ids.js';
import type { NewDelivery, QueuedDelivery } from './delivery.js';

/** A job to add: one delivery (job id = its id) or a group of them. */
export interface PlannedJob {
  jobId: string;
  deliveryIds: string[];
}

/**
 * Splits deliveries, in order, into jobs of up to `size`: BullMQ's cost per job (a script on Redis,
 * a transaction on PostgreSQL) then falls on a group instead of each delivery. A group of one is the
 * delivery's own job, the shape retries and the sweeper use. Each row learns the job that carries it.
 */
export function planJobs(deliveries: readonly NewDelivery[], size: number): { rows: QueuedDelivery[]; jobs: PlannedJob[] } {
  const rows: QueuedDelivery[] = [];
  const jobs: PlannedJob[] = [];
  for (let i = 0; i < deliveries.length; i += size) {
    const members = deliveries.slice(i, i + size);
    const deliveryIds = members.map((d) => d.id);
    const jobId = deliveryIds.length === 1 ? deliveryIds[0] : groupJobId(deliveryIds);
    jobs.push({ jobId, deliveryIds });
    for (const member of members) rows.push({ ...member, job_id: deliveryIds.length === 1 ? null : jobId });
  }
  return { rows, jobs };
}
