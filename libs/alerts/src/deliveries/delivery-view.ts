import type { AttemptRow, DeliveryRow } from './deliveries.repository.js';

export function deliveryView(row: DeliveryRow & { attempts?: AttemptRow[] }) {
  const unsettled = row.status === 'pending' || row.status === 'failed';
  return {
    id: row.id,
    subscription_id: row.subscription_id,
    message_id: row.message_id,
    event_type: row.event_type,
    event_id: row.event_id,
    global_position: row.global_position,
    replay_id: row.replay_id,
    status: row.status,
    attempt_count: row.attempt_count,
    next_attempt_at: unsettled ? row.next_attempt_at : null,
    last_attempt_at: row.last_attempt_at,
    completed_at: row.completed_at,
    created_at: row.created_at,
    // json_agg renders timestamps with an offset; the API speaks UTC.
    attempts: (row.attempts ?? []).map((a) => ({ ...a, attempted_at: new Date(a.attempted_at).toISOString() })),
  };
}
