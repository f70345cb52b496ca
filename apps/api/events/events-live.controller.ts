import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@newsledger/event-store';
import { ApiDocs, ApiQueries, LiveStreams, problems, RequireScopes, ZodPipe } from '@newsledger/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { logFilterQuery, typePrefix, type LogFilterQuery } from './log-query.js';
import { LogTail } from './log-tail.service.js';
import { presentEvent } from './present-event.js';

const HEARTBEAT_MS = 15_000;
// Notifications can be lost while the LISTEN connection reconnects; a slow poll covers that.
const POLL_MS = 2_000;
const PAGE = 200;
// A client that lets this much pile up unread is dropped; it resumes with Last-Event-ID.
const MAX_BUFFERED_BYTES = 1024 * 1024;

// A position as the stream sent it in `id:`, no larger than a JS number holds exactly.
const lastEventIdSchema = z.string().regex(/^\d{1,16}$/).transform(Number).refine(Number.isSafeInteger);

/** Server-Sent Events of the log: `id:` is the global position; resume with Last-Event-ID or ?after= without gaps. */
@ApiTags('log')
@RequireScopes('read')
@Controller('v1/events')
export class EventsLiveController {
  constructor(
    private readonly store: EventStore,
    private readonly tail: LogTail,
    private readonly streams: LiveStreams,
  ) {}

  @Get('live')
  @ApiProduces('text/event-stream')
  @ApiQueries(logFilterQuery)
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this global position (browsers send it on reconnection); wins over `after`.',
  })
  @ApiDocs({
    summary: 'Follow the log live (Server-Sent Events)',
    description:
      'A `text/event-stream` of the log as it is written: each message has `id:` (the global position), `event:` (the type) and ' +
      '`data:` (the event as `GET /v1/events` shows it); a comment every 15 s keeps it open. Without `after` or `Last-Event-ID` it ' +
      'starts at the head of the log. A client that stops reading is dropped and resumes with `Last-Event-ID`, gap-free.',
    response: {
      status: 200,
      description: 'The stream, open until the client or the server closes it.',
      schema: { type: 'string' },
      example: 'id: 42\nevent: acquisition.review_opened\ndata: {"event_id":"0b6c2d9e-…","type":"acquisition.review_opened",…}\n\n',
    },
  })
  async live(
    @Query(new ZodPipe(logFilterQuery)) query: LogFilterQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resumeAt = lastEventId === undefined ? undefined : lastEventIdSchema.safeParse(lastEventId);
    if (resumeAt && !resumeAt.success) {
      throw problems.validation('Last-Event-ID must be a global position.', { errors: [{ path: '/headers/last-event-id', message: 'not a position' }] });
    }
    let after = resumeAt ? resumeAt.data : (query.after ?? (await this.store.head()));
    const filter = { typePrefix: typePrefix(query.type), subject: query.subject, company: query.company };

    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
    });
    out.write(': connected\n\n');

    let closed = false;
    let pumping = false;
    let again = false;
    const close = () => {
      if (closed) return;
      closed = true;
      untrack();
      unsubscribe();
      clearInterval(heartbeat);
      clearInterval(poll);
      out.end();
    };
    // One reader at a time per client; a wake-up during a read makes it read once more.
    const pump = async () => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          for (;;) {
            const { events, last_position } = await this.store.readLog({ after, limit: PAGE, ...filter });
            for (const event of events)
              out.write(`id: ${event.global_position}\nevent: ${event.type}\ndata: ${JSON.stringify(presentEvent(event))}\n\n`);
            if (last_position !== null) after = last_position;
            if (out.writableLength > MAX_BUFFERED_BYTES) return close();
            if (events.length < PAGE || closed) break;
          }
        } while (again && !closed);
      } catch {
        close();
      } finally {
        pumping = false;
      }
    };
    const unsubscribe = this.tail.subscribe(() => void pump());
    // A shutdown ends the stream; the client reconnects elsewhere with Last-Event-ID.
    const untrack = this.streams.track(close);
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const poll = setInterval(() => void pump(), POLL_MS);
    request.raw.on('close', close);
    void pump();
  }
}
