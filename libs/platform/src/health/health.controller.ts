import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type pg from 'pg';
import { z } from 'zod';
import { Public } from '../auth/scopes.decorator.js';
import { ApiDocs } from '../docs/api-docs.decorator.js';
import type { QueueBackend } from '../queue/queue-backend.js';
import { PG_POOL, PG_READ_POOL, QUEUE_BACKEND } from '../tokens.js';

// The event store's record of halted log consumers (infra/migrations/0007_consumer-halts.sql).
const HALTED_CONSUMERS_SQL = `SELECT name, error, halted_at AS since FROM consumer_halts ORDER BY name`;
const check = z.record(z.string(), z.looseObject({ status: z.enum(['up', 'down']) }));
const healthSchema = z.object({ status: z.enum(['ok', 'error']), info: check, error: check, details: check });

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(PG_READ_POOL) private readonly readPool: pg.Pool,
    @Inject(QUEUE_BACKEND) private readonly queue: QueueBackend,
  ) {}

  /** The process is up; orchestrators restart it when this fails. */
  @Get('live')
  @Public()
  @HealthCheck()
  @ApiDocs({
    summary: 'Liveness',
    description: 'The process is up; orchestrators restart it when this fails. Needs no key.',
    response: { status: 200, description: 'Up.', schema: healthSchema, example: { status: 'ok', info: {}, error: {}, details: {} } },
  })
  live() {
    return this.health.check([]);
  }

  /**
   * PostgreSQL (and its read replica, when set) and the queue's store answer; load balancers route
   * traffic only then. A log consumer that halted on an event it cannot process (consumer_halts)
   * leaves the process ready, since a restart would not help and the rest keeps working, but turns
   * the status to `degraded`, naming it.
   */
  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiDocs({
    summary: 'Readiness',
    description:
      "PostgreSQL and the queue's store answer within 2 s each; load balancers send traffic only then. Needs no key. A log " +
      'consumer halted on an event it cannot process turns the status to `degraded` and is named under `consumers`.',
    response: {
      status: 200,
      description: 'Ready (or degraded).',
      schema: healthSchema.extend({ status: z.enum(['ok', 'error', 'degraded']) }),
      example: {
        status: 'ok',
        info: { postgres: { status: 'up' }, queue_redis: { status: 'up' } },
        error: {},
        details: { postgres: { status: 'up' }, queue_redis: { status: 'up' } },
      },
    },
    problems: [503],
  })
  async ready() {
    const result = await this.health.check([
      () => this.indicators.check('postgres').attempt(() => this.pool.query('SELECT 1').then(() => undefined)).withTimeout(2_000),
      () => this.indicators.check(`queue_${this.queue.kind}`).attempt(() => this.queue.ping()).withTimeout(2_000),
      ...(this.readPool === this.pool
        ? []
        : [() => this.indicators.check('postgres_read').attempt(() => this.readPool.query('SELECT 1').then(() => undefined)).withTimeout(2_000)]),
    ]);
    const { rows: halted } = await this.pool.query<{ name: string; error: string; since: string }>(HALTED_CONSUMERS_SQL);
    if (halted.length === 0) return result;
    const consumers = { status: 'down', halted: halted.map(({ name, error, since }) => ({ name, error, since })) };
    return { ...result, status: 'degraded', error: { ...result.error, consumers }, details: { ...result.details, consumers } };
  }
}
