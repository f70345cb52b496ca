import { Inject, Injectable, createParamDecorator, type ExecutionContext, type OnModuleDestroy } from '@nestjs/common';
import { PG_POOL, PG_READ_POOL } from '@newsledger/platform';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { CheckpointWatch, type CheckpointReading } from './checkpoint-watch.js';

/**
 * Where a read-model query runs and how far its read model had come when that was decided; `version`
 * (see CheckpointReading) also names the database, since a replica and the primary differ.
 */
export interface ReadTarget extends CheckpointReading {
  pool: pg.Pool;
}

const CHOSEN_TARGET = Symbol('newsledger:read-target');
type WithReadTarget = FastifyRequest & { [CHOSEN_TARGET]?: ReadTarget };

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

  /** `alsoReads`: other projections whose tables the route's query reads, for the version. */
  async reaching(projection: string, position: number, waitMs: number, alsoReads: readonly string[] = []): Promise<ReadTarget> {
    const onReplica = await this.replica.positionReaching(projection, position, waitMs, alsoReads);
    if (onReplica.reached || !this.primary) return { pool: this.replica.pool, ...onReplica, version: named('replica', onReplica.version) };
    const onPrimary = await this.primary.positionReaching(projection, position, 0, alsoReads);
    return { pool: this.primary.pool, ...onPrimary, version: named('primary', onPrimary.version) };
  }

  /** Hands the chosen target to the route (through @ReadPool()) and to ListPageCacheInterceptor. */
  static assign(request: FastifyRequest, target: ReadTarget): void {
    (request as WithReadTarget)[CHOSEN_TARGET] = target;
  }

  /** The target ProjectionPosition chose for this request, if it is under one. */
  static targetOf(request: FastifyRequest): ReadTarget | undefined {
    return (request as WithReadTarget)[CHOSEN_TARGET];
  }

  onModuleDestroy(): void {
    this.replica.onModuleDestroy();
    this.primary?.onModuleDestroy();
  }
}

function named(database: string, version: string | null): string | null {
  return version === null ? null : `${database}:${version}`;
}

/** The pool ProjectionPosition chose for this request; only routes under @ProjectionPosition have one. */
export const ReadPool = createParamDecorator((_data: unknown, context: ExecutionContext): pg.Pool => {
  const target = ReadDatabase.targetOf(context.switchToHttp().getRequest<FastifyRequest>());
  if (!target) throw new Error('@ReadPool() needs the route under @ProjectionPosition(), which chooses the pool');
  return target.pool;
});
