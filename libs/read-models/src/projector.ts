import { ConsumerSet, type ConsumerLogger, type RecordedEvent } from '@newsledger/event-store';
import type pg from 'pg';
import { pino } from 'pino';
import type { Projection } from './projection/projection.js';
import { StreamCache } from './projection/stream-cache.js';
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
 * The read models' write side: one checkpointed consumer per projection, all in one set that reads
 * each batch of the log once for them, and the rebuilds asked for. Any number of projectors may run
 * on one database; each projection's batches run one at a time.
 */
export class Projector {
  private readonly consumers: ConsumerSet;
  private readonly rebuilds: RebuildRunner;
  private streams = new StreamCache();

  constructor(pool: pg.Pool, databaseUrl: string, { projections = PROJECTIONS, batchSize = 500, logger, rebuildPollMs = 500 }: ProjectorOptions = {}) {
    logger ??= pino({ base: { component: 'projector' } });
    // One cache for every projection of the set: a stream is read and resolved once for all of them.
    const members = projections.map((projection) => ({
      name: projection.name,
      handle: (events: RecordedEvent[], client: pg.PoolClient) => projection.handle(events, client, this.streams),
      handles: projection.handle.handles,
    }));
    this.consumers = new ConsumerSet(pool, databaseUrl, { members, batchSize, logger, asyncCommit: true });
    this.rebuilds = new RebuildRunner(pool, databaseUrl, projections, { logger, batchSize, pollMs: rebuildPollMs });
  }

  start(): void {
    // Not needed for correctness (see StreamCache), but a restart starts as lean as a new process.
    this.streams = new StreamCache();
    this.consumers.start();
    this.rebuilds.start();
  }

  /** Stops after the batches in flight; rebuilds under way resume in the next projector. */
  async stop(): Promise<void> {
    await Promise.all([this.rebuilds.stop(), this.consumers.stop()]);
  }
}
