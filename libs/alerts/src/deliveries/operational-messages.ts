import { Injectable } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryQueue } from './delivery-queue.js';
import { oneOffIds } from './delivery-ids.js';
import type { NewDelivery } from './delivery.js';
import { operationalBody } from './webhook-body.js';

/** Sends `subscription.*` messages: a test to one endpoint, a disabling notice to those that asked. */
@Injectable()
export class OperationalMessages {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  async send(subscriptionIds: readonly string[], type: string, data: Record<string, unknown>): Promise<NewDelivery[]> {
    const payload = operationalBody(type, data);
    const rows = subscriptionIds.map((subscriptionId) => {
      const { id, messageId } = oneOffIds();
      return {
        id,
        subscription_id: subscriptionId,
        message_id: messageId,
        event_type: type,
        event_id: null,
        global_position: null,
        event_recorded_at: null,
        replay_id: null,
        payload,
      };
    });
    const planned = this.queue.plan(rows);
    await this.deliveries.insert(planned.rows);
    await this.queue.enqueueOrLeaveToSweeper(planned.jobs);
    return rows;
  }
}
