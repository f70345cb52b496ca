import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Global, type LoggerService, Module } from '@nestjs/common';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { AppConfig } from '../config/config.schema.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A caller's x-request-id is kept when it is sane, otherwise a fresh one. */
export function requestId(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  return typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
}

/** One pino instance per process: Fastify logs each request through it, Nest's logger writes to it too. */
export function createRootLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  return destination ? pino(options, destination) : pino(options);
}

/** The process's pino logger, for providers that log (`@Inject(ROOT_LOGGER)`). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Global()
@Module({})
class LoggingModule {}

/** Requests are logged by Fastify (with their request id); providers log through ROOT_LOGGER. */
export function structuredLogging(logger: Logger): DynamicModule {
  return { module: LoggingModule, providers: [{ provide: ROOT_LOGGER, useValue: logger }], exports: [ROOT_LOGGER] };
}

/** Nest's own messages (start-up, errors it catches) as JSON lines through the same pino logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, message instanceof Error ? message.message : String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
