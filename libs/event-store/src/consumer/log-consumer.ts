import type pg from 'pg';
import { ConsumerSet, type ConsumerSetOptions, type SetMember } from './consumer-set.js';

export type { ConsumerLogger } from './consumer-set.js';

export type ConsumerOptions = SetMember & Omit<ConsumerSetOptions, 'members'>;

/**
 * Tails the log in batches and moves its checkpoint in the handler's transaction: a set of one
 * consumer, which reads each batch inside its transaction, after taking its name's turn (a
 * transaction-scoped advisory lock) and reading its checkpoint. Two instances never run a batch at
 * once, and a standby takes over at its next poll after the active one dies. A failing batch is
 * rolled back and retried with backoff, never skipped; an event that alone keeps failing halts it
 * (see ConsumerSet).
 */
export class LogConsumer extends ConsumerSet {
  readonly name: string;

  constructor(pool: pg.Pool, databaseUrl: string, { name, handle, ...options }: ConsumerOptions) {
    super(pool, databaseUrl, { ...options, members: [{ name, handle }] });
    this.name = name;
  }

  /** The error the consumer halted on, null while it runs. */
  get halted(): string | null {
    return this.haltOf(this.name);
  }
}
