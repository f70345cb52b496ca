import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDocs, problems, RequireScopes } from '@newsledger/platform';
import { IdPipe } from '../http/id-pipe.js';
import { ReplaysRepository } from './replays.repository.js';
import { z } from 'zod';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('v1/replays')
export class ReplaysController {
  constructor(private readonly replays: ReplaysRepository) {}

  /** `enqueued` counts the deliveries made so far; `deliveries` says what became of them. */
  @Get(':id')
  @RequireScopes('read')
  @ApiDocs({
    summary: 'Replay progress',
    description:
      '`matched` is how many past events the replay found; `enqueued` counts the deliveries made so far and `deliveries` says what became of them, by status.',
    response: {
      status: 200,
      description: 'The replay.',
      schema: z.looseObject({
        id: z.string(),
        subscription_id: z.string(),
        status: z.string(),
        matched: z.number().int(),
        enqueued: z.number().int(),
        progress: z.number().meta({ description: 'From 0 to 1.' }),
        deliveries: z.record(z.string(), z.number().int()),
        error: z.string().nullable(),
        created_at: z.string(),
        completed_at: z.string().nullable(),
      }),
      example: {
        id: 'c2a4e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e81',
        subscription_id: '7b3f2c1e-0d4a-4e8b-9f61-2a5c8d0e4b17',
        status: 'running',
        from_position: null,
        since: '2026-01-01T00:00:00.000Z',
        until: null,
        event_types: ['acquisition.review_opened'],
        up_to_position: 1234,
        matched: 17,
        enqueued: 9,
        progress: 0.53,
        deliveries: { succeeded: 8, pending: 1 },
        error: null,
        created_at: '2026-02-11T09:00:00.000Z',
        completed_at: null,
      },
    },
  })
  async get(@Param('id', new IdPipe('replay')) id: string) {
    const replay = await this.replays.find(id);
    if (!replay) throw problems.notFound(`No replay ${id}.`);
    const deliveries = await this.replays.deliveryCounts(id);
    const enqueued = Object.values(deliveries).reduce((sum, n) => sum + n, 0);
    return {
      id: replay.id,
      subscription_id: replay.subscription_id,
      status: replay.status,
      from_position: replay.from_position,
      since: replay.since,
      until: replay.until,
      event_types: replay.event_types,
      up_to_position: replay.up_to_position,
      matched: replay.matched,
      enqueued,
      progress: replay.matched === 0 ? 1 : enqueued / replay.matched,
      deliveries,
      error: replay.error,
      created_at: replay.created_at,
      completed_at: replay.completed_at,
    };
  }
}
