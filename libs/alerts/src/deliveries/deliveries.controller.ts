import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDocs, problems, RequireScopes } from '@newsledger/platform';
import { IdPipe } from '../http/id-pipe.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryQueue } from './delivery-queue.js';
import { deliveryView } from './delivery-view.js';
import { DELIVERY_EXAMPLE, deliverySchema } from '../http/alerts-docs.js';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  /** A dead delivery starts over: a fresh retry schedule, the same webhook-id. */
  @Post(':id/retry')
  @HttpCode(202)
  @RequireScopes('subscriptions:write')
  @ApiDocs({
    summary: 'Retry a dead delivery',
    description: 'A dead delivery starts over with a fresh retry schedule and the same `webhook-id`. Its subscription must be active.',
    response: {
      status: 202,
      description: 'Queued again.',
      schema: deliverySchema,
      example: { ...DELIVERY_EXAMPLE, status: 'pending', attempt_count: 0 },
    },
    problems: [409],
  })
  async retry(@Param('id', new IdPipe('delivery')) id: string) {
    const delivery = await this.deliveries.find(id);
    if (!delivery) throw problems.notFound(`No delivery ${id}.`);
    const subscription = await this.subscriptions.find(delivery.subscription_id);
    if (subscription?.status !== 'active') {
      throw problems.conflict('The subscription is disabled; enable it before retrying its deliveries.', { current_state: 'disabled' });
    }
    const revived = await this.deliveries.revive(id);
    if (!revived)
      throw problems.conflict(`Only a dead delivery can be retried; this one is ${delivery.status}.`, { current_state: delivery.status });
    await this.queue.ensureQueued(id).catch(() => undefined); // the sweeper re-queues it if the queue is down
    return deliveryView(revived);
  }
}
