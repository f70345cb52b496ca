import type pg from 'pg';
import type { Projection } from '../projection/projection.js';
import { Rebuild, type RebuildOptions } from './rebuild.js';
import { requestedRebuilds } from './rebuild-requests.js';

/**
 * Runs, in the projector's process, the rebuilds asked for in projection_rebuilds (by the API, the
 * CLI, or before a restart), each until it is swapped in. The API and the projector may be separate
 * processes that share only PostgreSQL, so requests are found by polling that small table.
 */
export class RebuildRunner {
  private readonly running = new Map<string, Rebuild>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly databaseUrl: string,
    private readonly projections: readonly Projection[],
    private readonly options: RebuildOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Rebuilds under way stop where they are and resume in the next projector. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await Promise.all([...this.running.values()].map((rebuild) => rebuild.stop()));
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => {
        if (!this.stopped) this.schedule(this.options.pollMs);
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let requested: Set<string>;
    try {
      requested = await requestedRebuilds(this.pool);
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not read the requested projection rebuilds; trying again');
      return;
    }
    for (const projection of this.projections) {
      if (!requested.has(projection.name) || this.running.has(projection.name) || this.stopped) continue;
      const rebuild = new Rebuild(this.pool, this.databaseUrl, projection, this.options);
      this.running.set(projection.name, rebuild);
      void rebuild.start().finally(() => this.running.delete(projection.name));
    }
    // Swapped in by another projector.
    for (const [name, rebuild] of this.running) if (!requested.has(name)) void rebuild.stop();
  }
}
