import { Injectable, type CallHandler, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { withDecimalAmounts } from './money.js';

/**
 * The one presentation step of every read-model answer (resource, list row, timeline entry):
 * money gains its decimal `amount` beside `amount_minor`. Read models store states as the domain
 * folds them; what a reader needs besides is added here, on the way out.
 */
@Injectable()
export class PresentationInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map(withDecimalAmounts));
  }
}
