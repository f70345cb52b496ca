import 'reflect-metadata';
import { runService } from '@newsledger/platform';
import { allApp } from './all.app.js';

await runService('all-in-one', allApp);
