import { acquisitionsProjection } from './acquisitions/acquisitions.projection.js';
import { chipTradeProjection } from './chiptrade/chiptrade.projection.js';
import { companiesProjection } from './companies/companies.projection.js';
import { listingsProjection } from './listings/listings.projection.js';
import type { Projection } from './projection/projection.js';
import { rulesProjection } from './rules/rules.projection.js';
import { timelineProjection } from './timeline/timeline.projection.js';

/** Every read model, each its own consumer and checkpoint (named after its table) so each can lag or rebuild alone. */
export const PROJECTIONS: readonly Projection[] = [
  companiesProjection,
  listingsProjection,
  acquisitionsProjection,
  chipTradeProjection,
  rulesProjection,
  timelineProjection,
];
