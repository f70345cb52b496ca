import { Inject, Injectable, Optional, SetMetadata, UseInterceptors, applyDecorators, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiProblems, ApiQueries, logPosition, problems, ZodPipe } from '@newsledger/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { ListPageCacheInterceptor } from './list-page-cache.interceptor.js';
import { ReadDatabase } from './read-database.js';

const PROJECTION = 'newsledger:projection';
const ALSO_READS = 'newsledger:also-reads';

export const READ_MODELS_API_OPTIONS = Symbol('READ_MODELS_API_OPTIONS');

export interface ReadModelsApiOptions {
  /** How long `?min_position=` waits for the read model before answering 503 (5 s by default). */
  minPositionWaitMs?: number;
}

export interface ProjectionPositionOptions {
  /**
   * The route answers live list pages through ListPageCache; `alsoReads` names the other projections
   * whose tables its query reads (a page must change when theirs do).
   */
  cachedList?: { alsoReads?: string[] };
}

const DEFAULT_WAIT_MS = 5_000;

const minPositionQuery = z.object({ min_position: logPosition.optional() });

/**
 * Answers carry `x-projection-position`: how far into the log the read model behind them is. Read
 * before the query runs, it is a lower bound on what the answer reflects. `?min_position=<n>`
 * (read your writes) first waits for the read model to have processed event n, then answers 503.
 * It also picks the database the route queries (a replica or the primary, see ReadDatabase).
 */
export const ProjectionPosition = (projection: string, { cachedList }: ProjectionPositionOptions = {}) =>
  applyDecorators(
    SetMetadata(PROJECTION, projection),
    SetMetadata(ALSO_READS, cachedList?.alsoReads ?? []),
    UseInterceptors(ProjectionPositionInterceptor, ...(cachedList ? [ListPageCacheInterceptor] : [])),
    ApiQueries(minPositionQuery),
    ApiProblems(503),
  );

@Injectable()
export class ProjectionPositionInterceptor implements NestInterceptor {
  private readonly waitMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly database: ReadDatabase,
    @Optional() @Inject(READ_MODELS_API_OPTIONS) options: ReadModelsApiOptions = {},
  ) {
    this.waitMs = options.minPositionWaitMs ?? DEFAULT_WAIT_MS;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const name = this.reflector.getAllAndOverride<string>(PROJECTION, [context.getHandler(), context.getClass()]);
    const alsoReads = this.reflector.getAllAndOverride<string[]>(ALSO_READS, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const query = request.query as Record<string, unknown>;
    const { min_position: minPosition = 0 } = new ZodPipe(minPositionQuery).transform({ min_position: query.min_position });
    // Consumed here: the route's own strict query schema describes the resource, not this wait.
    delete query.min_position;
    const target = await this.database.reaching(name, minPosition, this.waitMs, alsoReads);
    const { position, reached } = target;
    if (!reached) {
      throw problems.unavailable(`The read model has not reached position ${minPosition} yet; it is at ${position}.`, {
        headers: { 'retry-after': '1' },
        projection: name,
        position,
      });
    }
    ReadDatabase.assign(request, target);
    void context.switchToHttp().getResponse<FastifyReply>().header('x-projection-position', String(position));
    return next.handle();
  }
}
