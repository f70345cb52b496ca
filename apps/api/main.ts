import 'reflect-metadata';
import { runService } from '@newsledger/platform';
import { apiApp } from './api.app.js';

await runService('api', apiApp);
