import type { AppDefinition } from '@newsledger/platform';
import { ProjectorModule } from '@newsledger/read-models';

/** Tails the log, keeps the read models and runs the rebuilds asked for; serves only health and metrics over HTTP. */
export const projectorApp: AppDefinition = {
  modules: [ProjectorModule],
};
