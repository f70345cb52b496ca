import type { AppDefinition } from '@newsledger/platform';
import { ReadModelsApiModule } from '@newsledger/read-models';
import { ApiModule } from './api.module.js';
import { writeProblems } from './events/write-problems.js';

export const apiApp: AppDefinition = {
  modules: [ApiModule, ReadModelsApiModule],
  problemConverters: [writeProblems],
};
