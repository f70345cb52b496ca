import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@newsledger/event-store';
import { ApiDocs, ApiQueries, fitPage, logPosition, pageQuery, problems, RequireScopes, toPage, ZodPipe } from '@newsledger/platform';
import { z } from 'zod';
import { LOGGED_EXAMPLE, logPageSchema } from './event-docs.js';
import { logPageQuery, typePrefix } from './log-query.js';
import { presentEvent } from './present-event.js';

const streamQuery = z.strictObject({
  limit: pageQuery.limit,
  // A stream's version is a PostgreSQL integer.
  cursor: logPosition.max(2_147_483_646).optional(),
});

@ApiTags('log')
@RequireScopes('read')
@Controller('v1')
export class EventsReadController {
  constructor(private readonly store: EventStore) {}

  /** The global log in log order; resuming with `after` (or `cursor`) set to any position seen never skips an event. */
  @Get('events')
  @ApiQueries(logPageQuery)
  @ApiDocs({
    summary: 'Read the global log',
    description:
      'Every event in log order (`global_position`), filtered by type or family, subject or company. Resuming with `after` (or ' +
      '`cursor`) set to any position already seen never skips an event, even while writers are busy.',
    response: {
      status: 200,
      description: 'A page of events.',
      schema: logPageSchema,
      example: { data: [LOGGED_EXAMPLE], next_cursor: '42' },
    },
  })
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
  @ApiQueries(streamQuery)
  @ApiDocs({
    summary: "Read one subject's stream",
    description: 'The events of one subject (`acquisition:meta-manus-2025`) in version order, meta-events included; 404 when it has none.',
    response: {
      status: 200,
      description: 'A page of events.',
      schema: logPageSchema,
      example: { data: [LOGGED_EXAMPLE], next_cursor: null },
    },
  })
  async stream(@Param('subject') subject: string, @Query(new ZodPipe(streamQuery)) query: z.output<typeof streamQuery>) {
    if (!/^[a-z]+:[a-z0-9-]{1,120}$/.test(subject)) {
      throw problems.validation('A subject looks like acquisition:meta-manus-2025.', {
        errors: [{ path: '/subject', message: 'invalid subject' }],
      });
    }
    const fromVersion = query.cursor !== undefined ? query.cursor + 1 : 1;
    const events = await this.store.readStream(subject, { fromVersion });
    if (events.length === 0 && fromVersion === 1) throw problems.notFound(`No events for ${subject}.`);
    return toPage(events, query.limit, (event) => event.version, presentEvent, String);
  }
}
