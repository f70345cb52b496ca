import type { AppDefinition } from '@newsledger/platform';
import { ApiModule } from './api.module.js';

export const apiApp: AppDefinition = {
  modules: [ApiModule],
};
