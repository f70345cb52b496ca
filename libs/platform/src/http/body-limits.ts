import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config.schema.js';

// One event is held to 256 KB as canonical JSON (MAX_EVENT_BYTES of the ingest); its body may carry
// some whitespace beside it.
const EVENT_BODY_LIMIT = 288 * 1024;
/** Every other body: subscriptions, keys, replays, small commands. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

type BodySize = 'event' | 'batch';

/** A route that takes a larger body than DEFAULT_BODY_LIMIT: one event, or a batch (BATCH_BODY_LIMIT). */
export const BodyLimit = (size: BodySize) => RouteConfig({ bodySize: size });

/**
 * Gives each route its body limit as Fastify registers it, so that a body over the limit is refused
 * from its content-length (or as soon as it streams past the limit) before a byte is parsed.
 */
export function applyBodyLimits(instance: FastifyInstance, config: AppConfig): void {
  const limits: Record<BodySize, number> = { event: EVENT_BODY_LIMIT, batch: config.http.batchBodyLimit };
  instance.addHook('onRoute', (route) => {
    const size = (route.config as { bodySize?: BodySize } | undefined)?.bodySize;
    route.bodyLimit = size ? limits[size] : DEFAULT_BODY_LIMIT;
  });
}
