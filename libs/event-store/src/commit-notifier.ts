import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

/** The channel log consumers LISTEN on; the append function NOTIFYs it too. */
export const APPENDED_CHANNEL = 'event_store';

// Under sustained appends, one NOTIFY per interval wakes consumers as well as one per append would.
const MIN_INTERVAL_MS = 10;

/**
 * Wakes log consumers after appends this process committed. A NOTIFY holds a cluster-wide lock from
 * its commit until the commit is flushed, which serialises every notifying commit; so appends commit
 * without one, and this sends one NOTIFY at a time, at most one per interval, covering the appends
 * that landed meanwhile. Every append is still followed by a NOTIFY sent after its commit.
 */
export class CommitNotifier {
  private sending = false;
  private pending = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly minIntervalMs = MIN_INTERVAL_MS,
  ) {}

  committed(): void {
    this.pending = true;
    if (!this.sending) void this.flush();
  }

  private async flush(): Promise<void> {
    this.sending = true;
    while (this.pending) {
      this.pending = false;
      const started = Date.now();
      // A lost wake-up only delays consumers until their next poll.
      await this.pool.query(`SELECT pg_notify('${APPENDED_CHANNEL}', '')`).catch(() => undefined);
      // Waiting out the interval even when nothing is pending yet: a lone writer's next append lands
      // after the NOTIFY returns, and would otherwise get a NOTIFY (a commit, so a WAL flush) of its own.
      const early = this.minIntervalMs - (Date.now() - started);
      if (early > 0) await sleep(early);
    }
    this.sending = false;
  }
}
