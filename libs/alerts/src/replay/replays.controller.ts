import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { problems, RequireScopes } from '@newsledger/platform';
import { IdPipe } from '../http/id-pipe.js';
import { ReplaysRepository } from './replays.repository.js';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('v1/replays')
export class ReplaysController {
  constructor(private readonly replays: ReplaysRepository) {}

  /** `enqueued` counts the deliveries made so far; `deliveries` says what became of them. */
  @Get(':id')
  @RequireScopes('read')
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
