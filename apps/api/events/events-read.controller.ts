import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@newsledger/event-store';
import { fitPage, logPosition, pageQuery, problems, RequireScopes, toPage, ZodPipe } from '@newsledger/platform';
import { z } from 'zod';
import { logPageQuery, typePrefix } from './log-query.js';
import { presentEvent } from './present-event.js';

const streamQuery = z.strictObject({
  limit: pageQuery.limit,
  // A stream's version is a PostgreSQL integer.
  cursor: logPosition.max(2_147_483_646).optional(),
});

@ApiTags('log')
@ApiBearerAuth()
@RequireScopes('read')
@Controller('v1')
export class EventsReadController {
  constructor(private readonly store: EventStore) {}

  /** The global log in log order; resuming with `after` (or `cursor`) set to any position seen never skips an event. */
  @Get('events')
  @ApiQuery({ name: 'after', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'type', required: false, description: 'a type or a prefix: acquisition.' })
  @ApiQuery({ name: 'subject', required: false })
  @ApiQuery({ name: 'company', required: false })
  async log(@Query(new ZodPipe(logPageQuery)) query: z.output<typeof logPageQuery>) {
    const after = query.cursor ?? query.after ?? 0;
    const { events, last_position } = await this.store.readLog({
      after,
      limit: query.limit,
      typePrefix: typePrefix(query.type),
      subject: query.subject,
      company: query.company,
    });
    // A page cut short by its size (fitPage) resumes after its last event shown.
    const data = fitPage(events, query.limit, presentEvent);
    const next = data.length < events.length ? data.at(-1)!.global_position : events.length === query.limit ? last_position : null;
    return { data, next_cursor: next === null ? null : String(next) };
  }

  /** One stream in version order. */
  @Get('subjects/:subject/events')
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false })
  async stream(@Param('subject') subject: string, @Query(new ZodPipe(streamQuery)) query: z.output<typeof streamQuery>) {
    if (!/^[a-z]+:[a-z0-9-]{1,120}$/.test(subject)) {
      throw problems.validation('A subject looks like acquisition:meta-manus-2025.', { errors: [{ path: '/subject', message: 'invalid subject' }] });
    }
    const fromVersion = query.cursor !== undefined ? query.cursor + 1 : 1;
    const events = await this.store.readStream(subject, { fromVersion });
    if (events.length === 0 && fromVersion === 1) throw problems.notFound(`No events for ${subject}.`);
    return toPage(events, query.limit, (event) => event.version, presentEvent, String);
  }
}
