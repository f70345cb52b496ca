import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PG_POOL, problems, RequireScopes } from '@newsledger/platform';
import type pg from 'pg';
import { PROJECTIONS } from '../projections.js';
import { projectionStatuses } from './projection-status.js';
import { requestRebuild } from './rebuild-requests.js';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('v1/projections')
export class ProjectionsController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** Each read model's position and lag, and the progress of its rebuild when one runs. */
  @Get()
  async list() {
    return { data: await projectionStatuses(this.pool, PROJECTIONS), next_cursor: null };
  }

  /**
   * Rebuilds the read model from the start of the log in tables beside the live ones, which keep
   * answering, and swaps them in once caught up. A projector picks the request up within a second.
   */
  @Post(':name/rebuild')
  @HttpCode(202)
  async rebuild(@Param('name') name: string) {
    if (!PROJECTIONS.some((projection) => projection.name === name)) throw problems.notFound(`No projection ${name}.`);
    if (!(await requestRebuild(this.pool, name))) {
      throw problems.conflict(`A rebuild of ${name} is already running.`, { state: 'rebuilding' });
    }
    return { name, state: 'rebuilding' };
  }
}
