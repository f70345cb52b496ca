import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsCoreModule } from '../alerts-core.module.js';
import type { AlertsOptions } from '../alerts.options.js';
import { ReplayRunner } from '../replay/replay-runner.js';
import { AlertRouter } from './alert-router.js';
import { DeliverySweeper } from './delivery-sweeper.js';

const PARTS = { providers: [AlertRouter, DeliverySweeper, ReplayRunner] };

@Module({})
class ConfiguredAlertRouterModule {}

/** Fans events out to deliveries, re-queues what the queue lost, runs replays. One active per deployment. */
@Module({ imports: [AlertsCoreModule.forRoot()], ...PARTS })
export class AlertRouterModule {
  static forRoot(options: Partial<AlertsOptions>): DynamicModule {
    return { module: ConfiguredAlertRouterModule, imports: [AlertsCoreModule.forRoot(options)], ...PARTS };
  }
}
