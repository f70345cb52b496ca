import type { PipeTransform } from '@nestjs/common';
import { problems } from '@newsledger/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: 404, like an unknown UUID. */
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw problems.notFound(`No ${this.resource} ${value}.`);
    return value.toLowerCase();
  }
}
