import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsCoreModule } from './alerts-core.module.js';
import type { AlertsOptions } from './alerts.options.js';
import { DashboardSessionController } from './dashboard/dashboard-session.controller.js';
import { QueueDashboard } from './dashboard/queue-dashboard.js';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { AsyncApiController } from './docs/asyncapi.controller.js';
import { ReplaysController } from './replay/replays.controller.js';
import { SubscriptionChecks } from './subscriptions/subscription-checks.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';

const PARTS = {
  controllers: [SubscriptionsController, DeliveriesController, ReplaysController, DashboardSessionController, AsyncApiController],
  providers: [SubscriptionChecks, QueueDashboard],
};

// forRoot() returns this class rather than AlertsApiModule, whose static imports would add the default core too.
@Module({})
class ConfiguredAlertsApiModule {}

/** The subscription, delivery and replay routes of API.md, and the queue dashboard at /admin/queues. */
@Module({ imports: [AlertsCoreModule.forRoot()], ...PARTS })
export class AlertsApiModule {
  static forRoot(options: Partial<AlertsOptions>): DynamicModule {
    return { module: ConfiguredAlertsApiModule, imports: [AlertsCoreModule.forRoot(options)], ...PARTS };
  }
}
