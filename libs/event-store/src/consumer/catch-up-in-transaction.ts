import type pg from 'pg';
import { isAtOrBefore, LOG_START, readLogPage, type LogPoint } from '../log-reads.js';
import type { RecordedEvent } from '../recorded-event.js';
import { advanceCheckpoint, readCheckpoint } from './checkpoints.js';

/** A consumer whose batches have no follow-up outside the transaction (see SetMember). */
export interface TransactionalConsumer {
  name: string;
  handle(events: RecordedEvent[], client: pg.PoolClient): Promise<void>;
}

/**
 * Runs consumer `consumer`'s batches in the caller's transaction until its checkpoint is at `until`
 * or past it in log order: for a caller that must finish a consumer's work while it holds a pool
 * connection (a rebuild's swap), which must not wait for the consumer to get a connection of its own.
 * The caller holds the consumer's turn (holdConsumer), so no instance of it runs meanwhile. `until`
 * is a point some consumer has already read, so every event up to it is below the snapshot horizon.
 */
export async function catchUpInTransaction(client: pg.PoolClient, consumer: TransactionalConsumer, until: LogPoint, batchSize: number): Promise<void> {
  for (;;) {
    const from = (await readCheckpoint(client, consumer.name)) ?? LOG_START;
    if (isAtOrBefore(until, from)) return;
    const events = await readLogPage(client, from, batchSize);
    if (events.length === 0) throw new Error(`consumer ${consumer.name} found no events between ${from.global_position} and ${until.global_position}`);
    await consumer.handle(events, client);
    await advanceCheckpoint(client, consumer.name, from, events[events.length - 1]);
  }
}
