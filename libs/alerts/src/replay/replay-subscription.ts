import { EventStore } from '@newsledger/event-store';
import type { Runtime } from '@newsledger/platform';
import { resolveAlertsOptions, type AlertsOptions } from '../alerts.options.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { DeliveryQueue } from '../deliveries/delivery-queue.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { replayBody, type ReplayRequest } from './replay.schema.js';
import { ReplayService, type ReplayProgress } from './replay.service.js';
import { ReplaysRepository, type ReplayRow } from './replays.repository.js';

/**
 * `npx newsledger replay <subscription-id> --since …`: records a replay and runs it in this
 * process, reporting progress. Interrupted, it is resumed by a running alert router.
 */
export async function replaySubscription(
  runtime: Runtime,
  subscriptionId: string,
  request: ReplayRequest,
  { onProgress, options }: { onProgress?: (progress: ReplayProgress) => void; options?: Partial<AlertsOptions> } = {},
): Promise<ReplayRow> {
  const settings = resolveAlertsOptions(options);
  const subscription = await new SubscriptionsRepository(runtime.pool).find(subscriptionId);
  if (!subscription) throw new Error(`No subscription ${subscriptionId}.`);
  if (subscription.status !== 'active') throw new Error(`Subscription ${subscriptionId} is disabled (${subscription.disabled_reason}); enable it first.`);
  const queue = new DeliveryQueue(runtime.queue, runtime.config, settings);
  try {
    const service = new ReplayService(
      new EventStore(runtime.pool),
      runtime.pool,
      settings,
      new ReplaysRepository(runtime.pool),
      new DeliveriesRepository(runtime.pool),
      queue,
    );
    const replay = await service.create(subscription, replayBody.parse(request), { claimed: true });
    onProgress?.({ replay_id: replay.id, matched: replay.matched, enqueued: 0, cursor_position: replay.cursor_position, up_to_position: replay.up_to_position });
    return (await service.run(replay, { onProgress }))!;
  } finally {
    await queue.onModuleDestroy();
  }
}
