import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDocs, PG_POOL, problems, RequireScopes } from '@newsledger/platform';
import type pg from 'pg';
import { PROJECTIONS } from '../projections.js';
import { projectionStatuses } from './projection-status.js';
import { requestRebuild } from './rebuild-requests.js';
import { z } from 'zod';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('v1/projections')
export class ProjectionsController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** Each read model's position and lag, and the progress of its rebuild when one runs. */
  @Get()
  @ApiDocs({
    summary: 'Read-model status',
    description: "Each read model's position in the log, its lag in events and seconds, and the progress of its rebuild when one runs.",
    response: {
      status: 200,
      description: 'Every read model (one page).',
      schema: z.object({
        data: z.array(
          z.object({
            name: z.string(),
            position: z.number().int(),
            lag_events: z.number().int(),
            lag_seconds: z.number().nullable(),
            state: z.enum(['live', 'rebuilding']),
            progress: z.number().nullable().meta({ description: 'From 0 to 1 while rebuilding.' }),
          }),
        ),
        next_cursor: z.null(),
      }),
      example: {
        data: [{ name: 'rm_companies', position: 1234, lag_events: 0, lag_seconds: 0, state: 'live', progress: null }],
        next_cursor: null,
      },
    },
  })
  async list() {
    return { data: await projectionStatuses(this.pool, PROJECTIONS), next_cursor: null };
  }

  /**
   * Rebuilds the read model from the start of the log in tables beside the live ones, which keep
   * answering, and swaps them in once caught up. A projector picks the request up within a second.
   */
  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiDocs({
    summary: 'Rebuild a read model',
    description:
      'Replays the log from the start into tables beside the live ones, which keep answering, and swaps them in one transaction once ' +
      'caught up: readers never see a half-built model and no webhook is sent. A projector picks the request up within a second.',
    response: {
      status: 202,
      description: 'The rebuild is requested.',
      schema: z.object({ name: z.string(), state: z.literal('rebuilding') }),
      example: { name: 'rm_companies', state: 'rebuilding' },
    },
    problems: [409],
  })
  async rebuild(@Param('name') name: string) {
    if (!PROJECTIONS.some((projection) => projection.name === name)) throw problems.notFound(`No projection ${name}.`);
    if (!(await requestRebuild(this.pool, name))) {
      throw problems.conflict(`A rebuild of ${name} is already running.`, { state: 'rebuilding' });
    }
    return { name, state: 'rebuilding' };
  }
}
