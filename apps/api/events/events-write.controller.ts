import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RecordEventsCommand, type RecordedResult, type WriterContext } from '@newsledger/ingest';
import { BodyLimit, grants, problems, RequireScopes, type AuthenticatedRequest } from '@newsledger/platform';
import type { FastifyReply } from 'fastify';

const MAX_BATCH = 1000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('events')
@ApiBearerAuth()
@RequireScopes('events:write')
@Controller('v1/events')
export class EventsWriteController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 for a new event; 200 with the original result when the same event was already recorded. */
  @Post()
  @BodyLimit('event')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ description: 'One event envelope (DOMAIN.md)', schema: { type: 'object' } })
  @ApiResponse({ status: 201, description: 'Recorded' })
  @ApiResponse({ status: 200, description: 'Already recorded with the same content' })
  async recordOne(
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (Array.isArray(body) || typeof body !== 'object' || body === null) {
      throw problems.validation('The body must be one event object; send several to /v1/events/batch.');
    }
    const [result] = await this.commands.execute(new RecordEventsCommand([body], writer(request, idempotencyKey)));
    void reply.status(result.duplicate ? 200 : 201);
    return present(result);
  }

  /** All or nothing: a failure's problem names the index of the event that failed. */
  @Post('batch')
  @BodyLimit('batch')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: { type: 'object', required: ['events'], properties: { events: { type: 'array', maxItems: MAX_BATCH, items: { type: 'object' } } } } })
  async recordBatch(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Headers('idempotency-key') idempotencyKey?: string) {
    const events = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) throw problems.validation('The body must be { "events": [ … ] }.', { errors: [{ path: '/events', message: 'must be an array' }] });
    if (events.length === 0 || events.length > MAX_BATCH) {
      throw problems.validation(`A batch holds 1 to ${MAX_BATCH} events; this one holds ${events.length}.`, {
        errors: [{ path: '/events', message: `must hold 1 to ${MAX_BATCH} events` }],
      });
    }
    const results = await this.commands.execute(new RecordEventsCommand(events, writer(request, idempotencyKey)));
    return { results: results.map(present) };
  }
}

function writer(request: AuthenticatedRequest, idempotencyKey: string | undefined): WriterContext {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw problems.validation('Idempotency-Key must be 1–255 visible ASCII characters.', {
      errors: [{ path: '/headers/idempotency-key', message: 'invalid' }],
    });
  }
  return {
    allowRecordedAt: grants(request.apiKey?.scopes ?? [], 'admin'),
    apiKeyId: request.apiKey?.id ?? null,
    requestId: String(request.id),
    idempotencyKey: idempotencyKey ?? null,
  };
}

function present({ duplicate: _duplicate, ...result }: RecordedResult) {
  return result;
}
