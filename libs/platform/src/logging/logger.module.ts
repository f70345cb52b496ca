import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger } from 'pino';
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

export function structuredLogging(logger: Logger) {
  // Requests are logged by Fastify (with their request id); nestjs-pino carries Nest's own logs.
  return LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false }, forRoutes: [] });
}
