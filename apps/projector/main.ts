import 'reflect-metadata';
import { runService } from '@newsledger/platform';
import { projectorApp } from './projector.app.js';

await runService('projector', projectorApp);
