import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsCoreModule } from './alerts-core.module.js';
import type { AlertsOptions } from './alerts.options.js';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { ReplaysController } from './replay/replays.controller.js';
import { SubscriptionChecks } from './subscriptions/subscription-checks.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';

const PARTS = { controllers: [SubscriptionsController, DeliveriesController, ReplaysController], providers: [SubscriptionChecks] };

// forRoot() returns this class rather than AlertsApiModule, whose static imports would add the default core too.
@Module({})
class ConfiguredAlertsApiModule {}

/** The subscription, delivery and replay routes of API.md. */
@Module({ imports: [AlertsCoreModule.forRoot()], ...PARTS })
export class AlertsApiModule {
  static forRoot(options: Partial<AlertsOptions>): DynamicModule {
    return { module: ConfiguredAlertsApiModule, imports: [AlertsCoreModule.forRoot(options)], ...PARTS };
  }
}
