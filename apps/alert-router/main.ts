import 'reflect-metadata';
import { runService } from '@newsledger/platform';
import { alertRouterApp } from './alert-router.app.js';

await runService('alert-router', alertRouterApp);
