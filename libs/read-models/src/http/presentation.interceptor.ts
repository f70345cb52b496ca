import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, of, type Observable } from 'rxjs';
import { contentCodingFor } from './compressed-body.js';
import { JsonText } from './json-text.js';
import { withDecimalAmounts } from './money.js';

/**
 * The one presentation step of every read-model answer (resource, list row, timeline entry):
 * money gains its decimal `amount` beside `amount_minor`. Read models store states as the domain
 * folds them; what a reader needs besides is added here, on the way out — or, for a list's stored
 * documents (JsonText), was added when the projection stored them. A list page goes out compressed
 * when the client accepts brotli or gzip: pages run to hundreds of KB of JSON, which shrinks several
 * times, and a kept page is compressed once for all its readers.
 */
@Injectable()
export class PresentationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      mergeMap((body) => {
        if (!(body instanceof JsonText)) return of(withDecimalAmounts(body));
        // Presented when it was stored; Fastify sends bytes of this type as they are.
        const reply = http.getResponse<FastifyReply>().type('application/json; charset=utf-8');
        const vary = reply.getHeader('vary');
        reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
        const coding = contentCodingFor(http.getRequest<FastifyRequest>().headers['accept-encoding'], body.bytes.length);
        if (!coding) return of(body.bytes);
        reply.header('content-encoding', coding);
        return from(body.encoded(coding));
      }),
    );
  }
}
