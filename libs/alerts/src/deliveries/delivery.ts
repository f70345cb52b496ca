export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'dead';
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;

/** A delivery row about to be written; `payload` is the body text. */
export interface NewDelivery {
  id: string;
  subscription_id: string;
  message_id: string;
  event_type: string;
  event_id: string | null;
  global_position: number | null;
  event_recorded_at: string | null;
  replay_id: string | null;
  payload: string;
}

/** A delivery row with the job that first carries it: a group job's id, or null for its own job. */
export interface QueuedDelivery extends NewDelivery {
  job_id: string | null;
}

/** What a worker needs to send one delivery: the message and the endpoint with its signing keys. */
export interface OutgoingDelivery {
  id: string;
  subscription_id: string;
  message_id: string;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  event_recorded_at: string | null;
  replay_id: string | null;
  url: string;
  subscription_status: 'active' | 'disabled';
  /** The current secret first, then the previous one while its rotation overlap lasts. */
  secrets: string[];
}

export interface AttemptRecord {
  deliveryId: string;
  subscriptionId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
  /** The delivery's status after this attempt. */
  outcome: Exclude<DeliveryStatus, 'pending'>;
  nextAttemptAt: Date | null;
}
