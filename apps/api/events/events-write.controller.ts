import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { sourceSchema } from '@newsledger/domain';
import { RecordEventsCommand, type RecordedResult, type WriterContext } from '@newsledger/ingest';
import { ApiDocs, type AuthenticatedRequest, BodyLimit, grants, problems, RequireScopes, sharedSchema } from '@newsledger/platform';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { batchResultSchema, EVENT_EXAMPLE, eventProposalSchema, RECORDED_EXAMPLE, recordedSchema } from './event-docs.js';

const MAX_BATCH = 1000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

const eventProposal = () => sharedSchema('EventProposal', eventProposalSchema, { Source: sourceSchema });
const IdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'For clients that do not choose event ids: a repeat with the same key and body answers the original result (1–255 visible ASCII characters).',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
  });

@ApiTags('events')
@RequireScopes('events:write')
@Controller('v1/events')
export class EventsWriteController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 for a new event; 200 with the original result when the same event was already recorded. */
  @Post()
  @BodyLimit('event')
  @IdempotencyKey()
  @ApiDocs({
    summary: 'Record one event',
    description:
      "Proposes one event in its envelope: `type` (from the catalog, `GET /v1/catalog`) selects the schema of `data`; the subject's " +
      'rules are checked against its stream. 201 with its place in the log; re-sending the same `event_id` (or `Idempotency-Key`) ' +
      'with the same body answers 200 with the original result. Bodies are limited to 256 KB.',
    body: { schema: eventProposal(), example: EVENT_EXAMPLE },
    response: { status: 201, description: 'Recorded.', schema: recordedSchema, example: RECORDED_EXAMPLE },
    extraResponses: [
      {
        status: 200,
        description: 'Already recorded with the same content: the original result.',
        schema: recordedSchema,
        example: RECORDED_EXAMPLE,
      },
    ],
    problems: [409, 413, 422],
  })
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
  @IdempotencyKey()
  @ApiDocs({
    summary: 'Record up to 1000 events at once',
    description:
      'All or nothing: either every event is recorded (201, one result each, in order) or none is, and the problem names the ' +
      'index of the event that failed (`/events/3/data/venue`). Each event follows the rules of `POST /v1/events`; an event ' +
      'that was already recorded with the same content answers its original result with `duplicate: true`.',
    body: {
      schema: {
        type: 'object',
        required: ['events'],
        additionalProperties: false,
        properties: { events: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: eventProposal() } },
      },
      example: { events: [EVENT_EXAMPLE] },
    },
    response: {
      status: 201,
      description: 'Every event recorded (or already there: `duplicate: true`).',
      schema: z.object({ results: z.array(batchResultSchema) }),
      example: { results: [RECORDED_EXAMPLE, { ...RECORDED_EXAMPLE, global_position: 17, duplicate: true }] },
    },
    problems: [409, 413, 422],
  })
  async recordBatch(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Headers('idempotency-key') idempotencyKey?: string) {
    const events = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events))
      throw problems.validation('The body must be { "events": [ … ] }.', { errors: [{ path: '/events', message: 'must be an array' }] });
    if (events.length === 0 || events.length > MAX_BATCH) {
      throw problems.validation(`A batch holds 1 to ${MAX_BATCH} events; this one holds ${events.length}.`, {
        errors: [{ path: '/events', message: `must hold 1 to ${MAX_BATCH} events` }],
      });
    }
    const results = await this.commands.execute(new RecordEventsCommand(events, writer(request, idempotencyKey)));
    // A batch answers 201 as a whole, so each result says whether it was already in the log.
    return { results: results.map((result) => (result.duplicate ? { ...present(result), duplicate: true } : present(result))) };
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
