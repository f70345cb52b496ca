import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '@newsledger/event-store';
import { ALERTS_OPTIONS, resolveAlertsOptions, type AlertsOptions } from './alerts.options.js';
import { DeliveriesRepository } from './deliveries/deliveries.repository.js';
import { DeliveryQueue } from './deliveries/delivery-queue.js';
import { OperationalMessages } from './deliveries/operational-messages.js';
import { ReplayService } from './replay/replay.service.js';
import { ReplaysRepository } from './replay/replays.repository.js';
import { SubscriptionDisabler } from './subscriptions/subscription-disabler.js';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository.js';

const SHARED = [
  SubscriptionsRepository,
  DeliveriesRepository,
  ReplaysRepository,
  DeliveryQueue,
  OperationalMessages,
  SubscriptionDisabler,
  ReplayService,
];

/**
 * What the API, the router and the workers share: repositories and the delivery queue's producer.
 * Nest keys dynamic modules by their content, so the three feature modules importing it with the
 * same options get one instance (one queue connection) in a one-process app.
 */
@Module({})
export class AlertsCoreModule {
  static forRoot(overrides: Partial<AlertsOptions> = {}): DynamicModule {
    return {
      module: AlertsCoreModule,
      imports: [EventStoreModule],
      providers: [{ provide: ALERTS_OPTIONS, useValue: resolveAlertsOptions(overrides) }, ...SHARED],
      exports: [ALERTS_OPTIONS, EventStoreModule, ...SHARED],
    };
  }
}
