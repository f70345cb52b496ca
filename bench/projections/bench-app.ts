import { ProjectorModule, ReadModelsApiModule } from '@newsledger/read-models';
import { startTestApp, type TestApp } from '@newsledger/testing';
import type { ScratchDatabase } from '../lib/scratch-database.js';

/** The API's read side and the projector in one process, as `npm start` runs them, on the scratch database. */
export function startReadSide(db: ScratchDatabase): Promise<TestApp> {
  // The scratch database drops itself.
  return startTestApp(db, { modules: [ReadModelsApiModule, ProjectorModule] });
}
