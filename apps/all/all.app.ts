import type { AppDefinition } from '@newsledger/platform';
import { alertRouterApp } from '../alert-router/alert-router.app.js';
import { apiApp } from '../api/api.app.js';
import { projectorApp } from '../projector/projector.app.js';
import { webhookWorkerApp } from '../webhook-worker/webhook-worker.app.js';

// `npm start`: every app's modules in one process, for a single machine.
const apps = [apiApp, projectorApp, alertRouterApp, webhookWorkerApp];

export const allApp: AppDefinition = {
  modules: apps.flatMap((app) => app.modules),
  problemConverters: apps.flatMap((app) => app.problemConverters ?? []),
};
