import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { ApiKeysRepository } from '../auth/api-keys.repository.js';
import { mountOpenApi } from '../docs/openapi.js';
import { applyBodyLimits, DEFAULT_BODY_LIMIT } from '../http/body-limits.js';
import { useCheckedJsonParser } from '../http/json-body.js';
import { ProblemFilter, type ProblemConverter } from '../http/problem.filter.js';
import { installRateLimits } from '../http/rate-limits.js';
import { clientErrorHandler, frameworkErrors, installRequestGate } from '../http/request-gate.js';
import { NestPinoLogger, requestId } from '../logging/logger.module.js';
import { httpRequestDuration } from '../metrics/metrics.js';
import { PlatformModule } from '../platform.module.js';
import type { Runtime } from './runtime.js';

export interface AppDefinition {
  /** Feature modules that make up this app (several of them in the one-process `npm start`). */
  modules: (Type | DynamicModule)[];
  /** Map feature errors (domain errors, say) to problems; anything unmapped is a 500. */
  problemConverters?: ProblemConverter[];
}

@Module({})
class RootModule {
  static forRoot(runtime: Runtime, modules: AppDefinition['modules']): DynamicModule {
    return { module: RootModule, imports: [PlatformModule.forRoot(runtime), ...modules] };
  }
}

/** Builds (but does not listen) the Fastify-backed Nest app: logging, problem+json errors, metrics, OpenAPI. */
export async function createHttpApp(runtime: Runtime, definition: AppDefinition): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Per route (body-limits.ts); this is the limit of anything else, the workspace and dashboard included.
    bodyLimit: DEFAULT_BODY_LIMIT,
    connectionTimeout: runtime.config.http.idleTimeoutMs,
    requestTimeout: runtime.config.http.requestTimeoutMs,
    keepAliveTimeout: runtime.config.http.keepAliveTimeoutMs,
    clientErrorHandler,
    frameworkErrors,
    trustProxy: true,
    // On close, open keep-alive and streaming connections are dropped instead of holding the stop.
    forceCloseConnections: true,
    loggerInstance: runtime.logger,
    genReqId: requestId,
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      disableRequestLogging: (request) => /^\/(health|metrics)/.test(request.url),
    }),
  });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  adapter.getInstance().addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  applyBodyLimits(adapter.getInstance(), runtime.config);
  const app = await NestFactory.create<NestFastifyApplication>(RootModule.forRoot(runtime, definition.modules), adapter, {
    bufferLogs: true,
  });
  await installRateLimits(adapter.getInstance(), runtime);
  installRequestGate(adapter.getInstance(), app.get(ApiKeysRepository));
  useCheckedJsonParser(app);
  app.useLogger(new NestPinoLogger(runtime.logger));
  app.useGlobalFilters(new ProblemFilter(runtime.logger, definition.problemConverters));
  mountOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** The same modules without HTTP, for the CLI: Nest's container over a runtime. */
export async function createAppContext(runtime: Runtime, modules: AppDefinition['modules']): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(RootModule.forRoot(runtime, modules), { logger: false });
  await context.init();
  return context;
}

/** Creates the bootstrap admin key on an empty database; returns it only when it was generated here. */
export function bootstrapAdminKey(app: NestFastifyApplication, runtime: Runtime): Promise<string | null> {
  return app.get(ApiKeysRepository).bootstrapAdmin(runtime.config.adminApiKey);
}
