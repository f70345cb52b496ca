import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@newsledger/event-store';
import { RecordEventsHandler } from './record-events.handler.js';

/** The write path shared by the HTTP API and the CLI's direct import. */
@Module({
  imports: [CqrsModule.forRoot(), EventStoreModule],
  providers: [RecordEventsHandler],
  exports: [CqrsModule],
})
export class IngestModule {}
