import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsCoreModule } from '../alerts-core.module.js';
import type { AlertsOptions } from '../alerts.options.js';
import { DeliveryProcessor } from './delivery-processor.js';
import { DeliveryWorker } from './delivery-worker.js';

const PARTS = { providers: [DeliveryProcessor, DeliveryWorker], exports: [DeliveryWorker] };

@Module({})
class ConfiguredWebhookWorkerModule {}

/** BullMQ workers that sign and send webhooks. Any number of replicas. */
@Module({ imports: [AlertsCoreModule.forRoot()], ...PARTS })
export class WebhookWorkerModule {
  static forRoot(options: Partial<AlertsOptions>): DynamicModule {
    return { module: ConfiguredWebhookWorkerModule, imports: [AlertsCoreModule.forRoot(options)], ...PARTS };
  }
}
