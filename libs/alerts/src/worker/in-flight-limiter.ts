/**
 * Caps concurrent work per key (a subscription) within a process. A caller over the cap waits for a
 * slot as long as the key's slots turn over fast enough to reach it within `maxWaitMs`: a fast
 * endpoint frees slots every few milliseconds, so even a long line there is soon served. At a slow
 * one the wait runs out and the caller is told no, and should put its work back for later, freeing
 * its worker slot for other endpoints.
 *
 * Turning every caller away after a fixed wait made a burst to one fast endpoint bounce most of
 * its jobs through the queue's delayed set (a round trip each, and 1–2 s late) although their
 * slots were milliseconds away.
 */
export class InFlightLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  /** Per key: when a slot was last released, and the smoothed time between releases. */
  private readonly turnover = new Map<string, { lastAt: number; intervalMs: number }>();

  constructor(
    private readonly limit: number,
    private readonly maxWaitMs: number,
  ) {}

  acquire(key: string): Promise<boolean> {
    const running = this.running.get(key) ?? 0;
    if (running < this.limit) {
      this.running.set(key, running + 1);
      return Promise.resolve(true);
    }
    const queue = this.waiting.get(key) ?? [];
    this.waiting.set(key, queue);
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const giveUpOrWaitOn = () => {
        if (this.expectedWaitMs(key, queue.indexOf(grant) + 1) <= this.maxWaitMs) {
          timer = setTimeout(giveUpOrWaitOn, this.maxWaitMs);
          return;
        }
        queue.splice(queue.indexOf(grant), 1);
        if (queue.length === 0 && this.waiting.get(key) === queue) this.waiting.delete(key);
        resolve(false);
      };
      let timer = setTimeout(giveUpOrWaitOn, this.maxWaitMs);
      queue.push(grant);
    });
  }

  /** Hands the slot to the next waiter, if any. */
  release(key: string): void {
    this.noteRelease(key);
    const next = this.waiting.get(key)?.shift();
    if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
    if (next) return next();
    const running = (this.running.get(key) ?? 1) - 1;
    if (running === 0) {
      this.running.delete(key);
      this.turnover.delete(key);
    } else this.running.set(key, running);
  }

  /** How long the caller `position` places down the line can expect to wait; infinite when the key's slots are not moving. */
  private expectedWaitMs(key: string, position: number): number {
    const turnover = this.turnover.get(key);
    if (!turnover || performance.now() - turnover.lastAt > this.maxWaitMs) return Infinity;
    return position * (Number.isNaN(turnover.intervalMs) ? this.maxWaitMs : turnover.intervalMs);
  }

  private noteRelease(key: string): void {
    const now = performance.now();
    const turnover = this.turnover.get(key);
    if (!turnover) {
      // One release tells nothing of the pace yet: until the next, each place counts as a whole wait.
      this.turnover.set(key, { lastAt: now, intervalMs: NaN });
      return;
    }
    const interval = now - turnover.lastAt;
    // Smoothed over the last few releases, so one quick answer among slow ones does not hold a line.
    turnover.intervalMs = Number.isNaN(turnover.intervalMs) ? interval : 0.8 * turnover.intervalMs + 0.2 * interval;
    turnover.lastAt = now;
  }
}
