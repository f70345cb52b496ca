import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { NewDelivery } from './delivery.js';
import { planJobs } from './delivery-jobs.js';

const delivery = (): NewDelivery => ({
  id: randomUUID(),
  subscription_id: randomUUID(),
  message_id: 'msg',
  event_type: 'listing.filed',
  event_id: null,
  global_position: null,
  event_recorded_at: null,
  replay_id: null,
  payload: '{}',
});

describe('planJobs', () => {
  it('puts deliveries in order into jobs of up to the size, and names each row’s group job', () => {
    const deliveries = Array.from({ length: 5 }, delivery);
    const { rows, jobs } = planJobs(deliveries, 2);
    expect(jobs.map((job) => job.deliveryIds)).toEqual(
      [deliveries.slice(0, 2), deliveries.slice(2, 4), deliveries.slice(4)].map((g) => g.map((d) => d.id)),
    );
    expect(rows.map((row) => row.job_id)).toEqual([jobs[0].jobId, jobs[0].jobId, jobs[1].jobId, jobs[1].jobId, null]);
  });

  it('gives a lone delivery its own job, and the same group the same job id', () => {
    const deliveries = Array.from({ length: 3 }, delivery);
    expect(planJobs(deliveries.slice(0, 1), 50).jobs).toEqual([{ jobId: deliveries[0].id, deliveryIds: [deliveries[0].id] }]);
    expect(planJobs(deliveries, 50).jobs[0].jobId).toBe(planJobs(deliveries, 50).jobs[0].jobId);
    expect(planJobs(deliveries, 50).jobs[0].jobId).not.toBe(planJobs(deliveries.slice(1), 50).jobs[0].jobId);
  });
});
