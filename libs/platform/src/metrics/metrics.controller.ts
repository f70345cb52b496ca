import { Controller, Get, Header } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { Public } from '../auth/scopes.decorator.js';
import { ApiDocs } from '../docs/api-docs.decorator.js';

let defaultsCollected = false;

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor() {
    if (!defaultsCollected) collectDefaultMetrics();
    defaultsCollected = true;
  }

  @Get()
  @Public()
  @Header('content-type', register.contentType)
  @ApiProduces('text/plain')
  @ApiDocs({
    summary: 'Prometheus metrics',
    description: 'Process, HTTP, log-consumer and delivery metrics in the Prometheus text format. Needs no key.',
    response: {
      status: 200,
      description: 'The scrape.',
      schema: { type: 'string' },
      example: 'http_request_duration_seconds_bucket{le="0.05",method="GET",route="/v1/events",status_code="200"} 12\n',
    },
  })
  scrape(): Promise<string> {
    return register.metrics();
  }
}
