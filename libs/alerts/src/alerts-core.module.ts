import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '@newsledger/event-store';
import { APP_CONFIG, type AppConfig } from '@newsledger/platform';
import { ALERTS_OPTIONS, resolveAlertsOptions, type AlertsOptions } from './alerts.options.js';
import { DeliveriesRepository } from './deliveries/deliveries.repository.js';
import { DeliveryQueue } from './deliveries/delivery-queue.js';
import { OperationalMessages } from './deliveries/operational-messages.js';
import { ReplayService } from './replay/replay.service.js';
import { ReplaysRepository } from './replay/replays.repository.js';
import { SubscriptionDisabler } from './subscriptions/subscription-disabler.js';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository.js';

const ALERTS_OVERRIDES = Symbol('ALERTS_OVERRIDES');

/** The configured recovery intervals (WEBHOOK_SWEEP_INTERVAL, WEBHOOK_LOCK_DURATION) under what the app passes. */
function alertsOptions(config: AppConfig, overrides: Partial<AlertsOptions>): AlertsOptions {
  const { sweepIntervalMs, lockDurationMs } = config.webhook;
  return resolveAlertsOptions({
    sweepIntervalMs,
    sweepGraceMs: 2 * sweepIntervalMs,
    lockDurationMs,
    stalledIntervalMs: lockDurationMs,
    ...overrides,
  });
}

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
      providers: [
        { provide: ALERTS_OVERRIDES, useValue: overrides },
        { provide: ALERTS_OPTIONS, inject: [APP_CONFIG, ALERTS_OVERRIDES], useFactory: alertsOptions },
        ...SHARED,
      ],
      exports: [ALERTS_OPTIONS, EventStoreModule, ...SHARED],
    };
  }
}
