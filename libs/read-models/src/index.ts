// Public contract of @newsledger/read-models: the projector (write side of the read models) and the query API.
export { ProjectorModule } from './projector.module.js';
export { Projector, type ProjectorOptions } from './projector.js';
export { ReadModelsApiModule } from './read-models-api.module.js';
export type { ReadModelsApiOptions } from './http/projection-position.interceptor.js';
export { PROJECTIONS } from './projections.js';
export type { Projection } from './projection/projection.js';
export { requestRebuild } from './rebuild/rebuild-requests.js';
export { projectionStatuses, type ProjectionStatus } from './rebuild/projection-status.js';
export { subjectFilter, subjectOfId } from './http/subject-id.js';
