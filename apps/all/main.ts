import 'reflect-metadata';
import { runService } from '@newsledger/platform';
import { apiApp } from '../api/api.app.js';

// `npm start`: every app's modules in one process, for a single machine.
await runService('all-in-one', {
  modules: [...apiApp.modules],
  problemConverters: [...(apiApp.problemConverters ?? [])],
});
