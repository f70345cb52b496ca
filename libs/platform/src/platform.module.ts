import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { ApiKeysRepository } from './auth/api-keys.repository.js';
import { BrowserSessions } from './auth/browser-session.js';
import type { Runtime } from './bootstrap/runtime.js';
import { HealthController } from './health/health.controller.js';
import { LiveStreams } from './lifecycle/live-streams.js';
import { structuredLogging } from './logging/logger.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { APP_CONFIG, DATABASE_URL, PG_POOL, PG_READ_POOL, QUEUE_BACKEND } from './tokens.js';

/** Global providers every app module injects: config, pool, queue backend, auth, logging, health, metrics. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: DATABASE_URL, useValue: runtime.databaseUrl },
      { provide: PG_POOL, useValue: runtime.pool },
      { provide: PG_READ_POOL, useValue: runtime.readPool },
      { provide: QUEUE_BACKEND, useValue: runtime.queue },
      ApiKeysRepository,
      BrowserSessions,
      LiveStreams,
    ];
    return {
      module: PlatformModule,
      imports: [structuredLogging(runtime.logger), TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [...providers, { provide: APP_GUARD, useClass: ApiKeyGuard }],
      exports: [APP_CONFIG, DATABASE_URL, PG_POOL, PG_READ_POOL, QUEUE_BACKEND, ApiKeysRepository, BrowserSessions, LiveStreams],
    };
  }
}
