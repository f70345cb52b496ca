import { Module } from '@nestjs/common';
import { AlertsApiModule } from '@newsledger/alerts';
import { EventStoreModule } from '@newsledger/event-store';
import { IngestModule } from '@newsledger/ingest';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { EventsLiveController } from './events/events-live.controller.js';
import { EventsReadController } from './events/events-read.controller.js';
import { EventsWriteController } from './events/events-write.controller.js';
import { LogTail } from './events/log-tail.service.js';
import { WorkspaceModule } from './workspace/workspace.module.js';

/** The HTTP API's own routes: ingest, the log, API keys, and the workspace at `/`. Read models and subscriptions come as their libs' modules. */
@Module({
  imports: [IngestModule, EventStoreModule, AlertsApiModule, WorkspaceModule],
  controllers: [ApiKeysController, CatalogController, EventsWriteController, EventsReadController, EventsLiveController],
  providers: [LogTail],
})
export class ApiModule {}
