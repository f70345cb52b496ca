import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { JsonText } from './json-text.js';
import { withDecimalAmounts } from './money.js';

/**
 * The one presentation step of every read-model answer (resource, list row, timeline entry):
 * money gains its decimal `amount` beside `amount_minor`. Read models store states as the domain
 * folds them; what a reader needs besides is added here, on the way out — or, for a list's stored
 * documents (JsonText), was added when the projection stored them.
 */
@Injectable()
export class PresentationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body) => {
        if (!(body instanceof JsonText)) return withDecimalAmounts(body);
        // Presented when it was stored; Fastify sends bytes of this type as they are.
        void context.switchToHttp().getResponse<FastifyReply>().type('application/json; charset=utf-8');
        return body.bytes;
      }),
    );
  }
}
