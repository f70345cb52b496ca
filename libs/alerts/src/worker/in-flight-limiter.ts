/**
 * Caps concurrent work per key (a subscription) within a process. A caller over the cap waits a
 * little for a slot: at a fast endpoint slots free up within milliseconds. At a slow one the wait
 * runs out and the caller is told no, and should put its work back for later, freeing its worker
 * slot for other endpoints. With no `maxWaitMs` a caller waits as long as it takes (a plain cap).
 */
export class InFlightLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly limit: number,
    private readonly maxWaitMs: number | null,
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
      const timer = this.maxWaitMs === null ? undefined : setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1);
        if (queue.length === 0 && this.waiting.get(key) === queue) this.waiting.delete(key);
        resolve(false);
      }, this.maxWaitMs);
      queue.push(grant);
    });
  }

  /** Hands the slot to the next waiter, if any. */
  release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
    if (next) return next();
    const running = (this.running.get(key) ?? 1) - 1;
    if (running === 0) this.running.delete(key);
    else this.running.set(key, running);
  }
}
