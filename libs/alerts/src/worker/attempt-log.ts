import { Logger } from '@nestjs/common';
import { Coalescer } from '../deliveries/coalescer.js';
import type { AttemptRecord } from '../deliveries/delivery.js';

type Written = { failing_since: string | null };

/**
 * Where attempts are logged, in batches shared by concurrent deliveries (see Coalescer), in the
 * order they were made. A failed attempt is awaited: what happens next depends on how long its
 * endpoint has been failing. A success decides nothing, so its job completes without waiting for
 * the write, which frees the worker slot a round trip sooner.
 *
 * Until a success is written, its delivery looks unsettled and has no job (a completed job is
 * removed): the sweeper may queue it again meanwhile, so this log answers for the successes it
 * still holds, and the worker does not send them twice.
 *
 * A clean stop flushes the writes still pending. A crash can lose a success's write; its delivery
 * then stays unsettled and the sweeper sends it again later (at-least-once, same webhook-id).
 */
export class AttemptLog {
  private readonly logger = new Logger(AttemptLog.name);
  private readonly batches: Coalescer<AttemptRecord, Written>;
  private readonly unwritten = new Set<Promise<unknown>>();
  private readonly unwrittenSuccesses = new Set<string>();

  constructor(write: (attempts: AttemptRecord[]) => Promise<Written[]>) {
    this.batches = new Coalescer(write);
  }

  /** Logs the attempt and answers with its endpoint's `failing_since` once written. */
  record(attempt: AttemptRecord): Promise<Written> {
    return this.track(this.batches.submit(attempt));
  }

  /** Logs a successful attempt in the background. */
  recordSuccessLater(attempt: AttemptRecord): void {
    this.unwrittenSuccesses.add(attempt.deliveryId);
    const written = this.batches.submit(attempt).finally(() => this.unwrittenSuccesses.delete(attempt.deliveryId));
    this.track(written).catch((error: Error) =>
      this.logger.warn(`attempt on delivery ${attempt.deliveryId} not logged, the sweeper will send it again: ${error.message}`),
    );
  }

  /** Whether this log holds a success of the delivery that is not written yet. */
  holdsSuccessOf(deliveryId: string): boolean {
    return this.unwrittenSuccesses.has(deliveryId);
  }

  /** Resolves when every write submitted so far has settled. */
  async flush(): Promise<void> {
    while (this.unwritten.size > 0) await Promise.allSettled([...this.unwritten]);
  }

  private track<T>(write: Promise<T>): Promise<T> {
    this.unwritten.add(write);
    return write.finally(() => this.unwritten.delete(write));
  }
}
