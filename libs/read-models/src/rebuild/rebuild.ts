import { LogConsumer, type ConsumerLogger } from '@newsledger/event-store';
import pg from 'pg';
import type { Projection } from '../projection/projection.js';
import { claimRebuild } from './rebuild-requests.js';
import { shadowConsumer } from './shadow-consumer.js';
import { shadowOf } from './shadow-tables.js';
import { swapIn } from './swap.js';

export interface RebuildOptions {
  logger: ConsumerLogger;
  batchSize: number;
  /** How often the rebuild checks whether it is close enough to the live projection to swap. */
  pollMs: number;
}

const BEHIND_SQL = `
  SELECT coalesce(live.global_position, 0) - coalesce(shadow.global_position, 0) AS behind
    FROM (VALUES ($1::text, $2::text)) AS names (live, shadow)
    LEFT JOIN checkpoints live ON live.name = names.live
    LEFT JOIN checkpoints shadow ON shadow.name = names.shadow`;

// A rebuild another projector swapped in may leave this process's consumer a checkpoint it recreated.
const FORGET_CHECKPOINT_SQL = `DELETE FROM checkpoints WHERE name = $2 AND NOT EXISTS (SELECT 1 FROM projection_rebuilds WHERE name = $1)`;

/**
 * One projection's rebuild in this process: claims it (or resumes it), fills the shadow tables with a
 * consumer of its own from the start of the log, and swaps them in once it has caught up with the
 * live projection. Other projectors may run the same rebuild: the consumers' locks keep one batch at
 * a time, and the first swap wins.
 */
export class Rebuild {
  private readonly consumer: LogConsumer;
  private readonly shadow: ReturnType<typeof shadowOf>;
  private running = false;
  private claimed = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly pool: pg.Pool,
    databaseUrl: string,
    private readonly projection: Projection,
    private readonly options: RebuildOptions,
  ) {
    this.shadow = shadowOf(projection);
    const { logger, batchSize } = options;
    this.consumer = new LogConsumer(pool, databaseUrl, { ...shadowConsumer(projection), logger, batchSize });
  }

  /** Resolves once the rebuild is over (swapped in here or elsewhere) or stopped. */
  start(): Promise<void> {
    this.running = true;
    this.loop = this.run();
    return this.loop;
  }

  /** Stops after the step in flight; the rebuild resumes from its checkpoint in the next projector that runs it. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (await this.step()) break;
      } catch (error) {
        this.options.logger.error({ err: error, projection: this.projection.name }, 'projection rebuild step failed; retrying');
      }
      await this.pause();
    }
    await this.consumer.stop();
    await this.pool.query(FORGET_CHECKPOINT_SQL, [this.projection.name, this.shadow.consumer]).catch(() => undefined);
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.running) return resolve();
      const timer = setTimeout(resolve, this.options.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One look at the rebuild; true once it is over. */
  private async step(): Promise<boolean> {
    if (!this.claimed) {
      if (!(await claimRebuild(this.pool, this.projection))) return true;
      this.claimed = true;
    }
    // Again after a swap that gave up: it had stopped the consumer.
    this.consumer.start();
    const { rows } = await this.pool.query<{ behind: number }>(BEHIND_SQL, [this.projection.name, this.shadow.consumer]);
    // Within a batch of the live projection: the swap holds the live consumer while the rebuild covers the rest.
    if (rows[0].behind > this.options.batchSize) return false;
    // Fresh statistics, so that readers get good plans from the first query on the new tables.
    for (const table of this.projection.tables) {
      await this.pool.query(`ANALYZE ${pg.escapeIdentifier(this.shadow.schema)}.${pg.escapeIdentifier(table)}`);
    }
    return (await swapIn(this.pool, this.projection, { stopShadowConsumer: () => this.consumer.stop(), batchSize: this.options.batchSize })) !== 'later';
  }
}
