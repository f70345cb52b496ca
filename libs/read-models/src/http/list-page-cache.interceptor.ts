import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ListPageCache } from './list-page-cache.js';
import { ReadDatabase } from './read-database.js';
import { timeFields } from './time-query.js';

const PAST_POINT = Object.keys(timeFields);

/**
 * Answers a live list page from ListPageCache, at the version of the read model ProjectionPosition
 * read for this request (after its `min_position` wait, which it consumed from the query). A page
 * of a past point (`as_of`, `valid_at`) is folded from the log, which the version does not cover,
 * and a read that had to wait has no version: both are built for the request alone.
 */
@Injectable()
export class ListPageCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: ListPageCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const query = request.query as Record<string, unknown>;
    const version = ReadDatabase.targetOf(request)?.version ?? null;
    if (version === null || PAST_POINT.some((field) => field in query)) return next.handle();
    const page = `${request.routeOptions.url}?${JSON.stringify(query)}`;
    return from(this.cache.answer(page, version, () => lastValueFrom(next.handle())));
  }
}
