/**
 * How much longer a caller still in line, `ahead` others before it and having waited `waitedMs`,
 * should wait for a slot; 0 turns it away.
 */
export type Patience = (ahead: number, waitedMs: number) => number;

/**
 * Caps concurrent work per key (a subscription) within a process. A caller over the cap may wait
 * for a slot, as long as it says, and is asked again when that runs out: at a fast endpoint slots
 * free up within milliseconds. At a slow one the caller is told no, and should put its work back
 * for later, freeing its worker slot for other endpoints. A caller with no patience waits as long
 * as it takes (a plain cap).
 */
export class InFlightLimiter {
  private readonly running = new Map<string, number>();
  private readonly queues = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  /** Callers waiting for a slot at `key`. */
  waiting(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  /**
   * Resolves true with a slot, or false once the caller's patience has run out without one (at once
   * for 0). Without patience the caller waits as long as it takes.
   */
  acquire(key: string, patience: Patience | null = null): Promise<boolean> {
    const running = this.running.get(key) ?? 0;
    if (running < this.limit) {
      this.running.set(key, running + 1);
      return Promise.resolve(true);
    }
    const queue = this.queues.get(key) ?? [];
    const since = performance.now();
    const firstWaitMs = patience === null ? null : patience(queue.length, 0);
    if (firstWaitMs === 0) return Promise.resolve(false);
    this.queues.set(key, queue);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const grant = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const wait = (ms: number | null) => {
        if (ms === null) return;
        timer = setTimeout(() => {
          const more = patience!(queue.indexOf(grant), performance.now() - since);
          if (more > 0) return wait(more);
          queue.splice(queue.indexOf(grant), 1);
          if (queue.length === 0 && this.queues.get(key) === queue) this.queues.delete(key);
          resolve(false);
        }, ms);
      };
      wait(firstWaitMs);
      queue.push(grant);
    });
  }

  /** Hands the slot to the next waiter, if any. */
  release(key: string): void {
    const next = this.queues.get(key)?.shift();
    if (this.queues.get(key)?.length === 0) this.queues.delete(key);
    if (next) return next();
    const running = (this.running.get(key) ?? 1) - 1;
    if (running === 0) this.running.delete(key);
    else this.running.set(key, running);
  }
}
