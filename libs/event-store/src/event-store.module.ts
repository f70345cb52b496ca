import { Module } from '@nestjs/common';
import { EventStore } from './event-store.js';

/** EventStore for apps; PG_POOL comes from the global PlatformModule, EVENT_UPCASTERS (optional) from a global module. */
@Module({ providers: [EventStore], exports: [EventStore] })
export class EventStoreModule {}
