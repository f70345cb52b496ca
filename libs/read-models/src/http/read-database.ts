import { Inject, Injectable, createParamDecorator, type ExecutionContext, type OnModuleDestroy } from '@nestjs/common';
import { PG_POOL, PG_READ_POOL } from '@newsledger/platform';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { CheckpointWatch } from './checkpoint-watch.js';

/** Where a read-model query runs and how far its read model had come when that was decided. */
export interface ReadTarget {
  pool: pg.Pool;
  position: number;
  reached: boolean;
}

const CHOSEN_POOL = Symbol('newsledger:read-pool');
type WithReadPool = FastifyRequest & { [CHOSEN_POOL]?: pg.Pool };

/**
 * The read models' queries go to DATABASE_READ_URL's streaming replica when there is one. A replica
 * replays the projector's checkpoint in the same transactions as the rows, so its own checkpoint says
 * what its read models reflect: `min_position` is waited for there, and only a replica still short of
 * it when the wait is over sends the request to the primary (which then answers, or 503 as before).
 */
@Injectable()
export class ReadDatabase implements OnModuleDestroy {
  private readonly replica: CheckpointWatch;
  private readonly primary: CheckpointWatch | null;

  constructor(@Inject(PG_POOL) primaryPool: pg.Pool, @Inject(PG_READ_POOL) readPool: pg.Pool) {
    this.replica = new CheckpointWatch(readPool);
    this.primary = readPool === primaryPool ? null : new CheckpointWatch(primaryPool);
  }

  async reaching(projection: string, position: number, waitMs: number): Promise<ReadTarget> {
    const onReplica = await this.replica.positionReaching(projection, position, waitMs);
    if (onReplica.reached || !this.primary) return { pool: this.replica.pool, ...onReplica };
    const onPrimary = await this.primary.positionReaching(projection, position, 0);
    return { pool: this.primary.pool, ...onPrimary };
  }

  /** Hands the chosen pool to the route (through @ReadPool()). */
  static assign(request: FastifyRequest, pool: pg.Pool): void {
    (request as WithReadPool)[CHOSEN_POOL] = pool;
  }

  onModuleDestroy(): void {
    this.replica.onModuleDestroy();
    this.primary?.onModuleDestroy();
  }
}

/** The pool ProjectionPosition chose for this request; only routes under @ProjectionPosition have one. */
export const ReadPool = createParamDecorator((_data: unknown, context: ExecutionContext): pg.Pool => {
  const pool = context.switchToHttp().getRequest<WithReadPool>()[CHOSEN_POOL];
  if (!pool) throw new Error('@ReadPool() needs the route under @ProjectionPosition(), which chooses the pool');
  return pool;
});
