import type { FieldError } from './envelope.types.js';
import type { Precision } from '../values/dates.js';

/** `occurred_precision` is `unknown` exactly when `occurred_on` is null; meta-events are never dated. */
export function validTimeErrors(occurredOn: string | null, precision: Precision, isMeta: boolean): FieldError[] {
  if (isMeta && occurredOn !== null) return [{ path: '/occurred_on', message: 'meta-events have occurred_on null' }];
  if ((occurredOn === null) !== (precision === 'unknown'))
    return [{ path: '/occurred_precision', message: "must be 'unknown' exactly when occurred_on is null" }];
  return [];
}
