import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys/api-keys.controller.js';

/** The HTTP API: ingest, read models, subscriptions and admin routes. */
@Module({
  controllers: [ApiKeysController],
})
export class ApiModule {}
