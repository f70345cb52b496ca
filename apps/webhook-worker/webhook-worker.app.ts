import { WebhookWorkerModule } from '@newsledger/alerts';
import type { AppDefinition } from '@newsledger/platform';

export const webhookWorkerApp: AppDefinition = {
  modules: [WebhookWorkerModule],
};
