import { AlertRouterModule } from '@newsledger/alerts';
import type { AppDefinition } from '@newsledger/platform';

export const alertRouterApp: AppDefinition = {
  modules: [AlertRouterModule],
};
