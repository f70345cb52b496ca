import 'reflect-metadata';
import { runService } from '@newsledger/platform';
import { webhookWorkerApp } from './webhook-worker.app.js';

await runService('webhook-worker', webhookWorkerApp);
