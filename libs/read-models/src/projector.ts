import { LogConsumer, type ConsumerLogger } from '@newsledger/event-store';
import type pg from 'pg';
import { pino } from 'pino';
import type { Projection } from './projection/projection.js';
import { PROJECTIONS } from './projections.js';
import { RebuildRunner } from './rebuild/rebuild-runner.js';

export interface ProjectorOptions {
  /** Every read model by default. */
  projections?: readonly Projection[];
  /** Events per batch, for live consumers and rebuilds alike. */
  batchSize?: number;
  logger?: ConsumerLogger;
  /** How often requested rebuilds are looked for, and running ones checked for their swap. */
  rebuildPollMs?: number;
}

/**
 * The read models' write side: one checkpointed consumer per projection, and the rebuilds asked for.
 * Any number of projectors may run on one database; each projection's batches run one at a time.
 */
export class Projector {
  private readonly consumers: LogConsumer[];
  private readonly rebuilds: RebuildRunner;

  constructor(pool: pg.Pool, databaseUrl: string, { projections = PROJECTIONS, batchSize = 500, logger, rebuildPollMs = 500 }: ProjectorOptions = {}) {
    logger ??= pino({ base: { component: 'projector' } });
    this.consumers = projections.map(
      (projection) => new LogConsumer(pool, databaseUrl, { name: projection.name, handle: (events, client) => projection.handle(events, client), batchSize, logger }),
    );
    this.rebuilds = new RebuildRunner(pool, databaseUrl, projections, { logger, batchSize, pollMs: rebuildPollMs });
  }

  start(): void {
    for (const consumer of this.consumers) consumer.start();
    this.rebuilds.start();
  }

  /** Stops after the batches in flight; rebuilds under way resume in the next projector. */
  async stop(): Promise<void> {
    await Promise.all([this.rebuilds.stop(), ...this.consumers.map((consumer) => consumer.stop())]);
  }
}
