export { AlertsApiModule } from './alerts-api.module.js';
export { AlertRouterModule } from './router/alert-router.module.js';
export { WebhookWorkerModule } from './worker/webhook-worker.module.js';
export { DEFAULT_ALERTS_OPTIONS, type AlertsOptions } from './alerts.options.js';
export { replaySubscription } from './replay/replay-subscription.js';
export type { ReplayProgress } from './replay/replay.service.js';
export type { ReplayRequest } from './replay/replay.schema.js';
export type { ReplayRow } from './replay/replays.repository.js';
