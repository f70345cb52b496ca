import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@newsledger/platform';
import { buildAsyncApiDocument } from './asyncapi.js';

/** The webhooks' AsyncAPI document beside the OpenAPI one; like /docs, it needs no key. */
@ApiExcludeController()
@Public()
@Controller('docs')
export class AsyncApiController {
  private readonly document = buildAsyncApiDocument();

  @Get('asyncapi.json')
  get() {
    return this.document;
  }
}
