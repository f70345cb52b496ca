import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { Public } from '../auth/scopes.decorator.js';

let defaultsCollected = false;

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor() {
    if (!defaultsCollected) collectDefaultMetrics();
    defaultsCollected = true;
  }

  @Get()
  @Public()
  @Header('content-type', register.contentType)
  scrape(): Promise<string> {
    return register.metrics();
  }
}
