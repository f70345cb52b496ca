import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '@newsledger/event-store';
import { APP_CONFIG, type AppConfig } from '@newsledger/platform';
import { AcquisitionsController } from './acquisitions/acquisitions.controller.js';
import { ChipApprovalsController } from './chiptrade/chip-approvals.controller.js';
import { ChipTradeController } from './chiptrade/chiptrade.controller.js';
import { CompaniesController } from './companies/companies.controller.js';
import { ListPageCache } from './http/list-page-cache.js';
import { ListPageCacheInterceptor } from './http/list-page-cache.interceptor.js';
import { ProjectionPositionInterceptor, READ_MODELS_API_OPTIONS, type ReadModelsApiOptions } from './http/projection-position.interceptor.js';
import { ReadDatabase } from './http/read-database.js';
import { ListingsController } from './listings/listings.controller.js';
import { ProjectionsController } from './rebuild/projections.controller.js';
import { RulesController } from './rules/rules.controller.js';

/**
 * The read side over HTTP (scope `read`): companies, listings, acquisitions, chip trade and rules, as
 * of any past point; and the projections' status and rebuilds (scope `admin`).
 */
@Module({
  imports: [EventStoreModule],
  controllers: [
    CompaniesController,
    ListingsController,
    AcquisitionsController,
    ChipTradeController,
    ChipApprovalsController,
    RulesController,
    ProjectionsController,
  ],
  providers: [
    ProjectionPositionInterceptor,
    ReadDatabase,
    ListPageCacheInterceptor,
    {
      provide: ListPageCache,
      useFactory: (config: AppConfig) => new ListPageCache(config.http.listCacheBytes),
      inject: [APP_CONFIG],
    },
  ],
})
export class ReadModelsApiModule {
  /** The module with options other than the defaults (tests shorten the `min_position` wait). */
  static withOptions(options: ReadModelsApiOptions): DynamicModule {
    return { module: ReadModelsApiModule, providers: [{ provide: READ_MODELS_API_OPTIONS, useValue: options }] };
  }
}
