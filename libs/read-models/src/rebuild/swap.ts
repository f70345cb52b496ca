import { catchUpInTransaction, holdConsumer, readCheckpoint, whenCaughtUp } from '@newsledger/event-store';
import { withTransaction } from '@newsledger/platform';
import pg from 'pg';
import type { Projection } from '../projection/projection.js';
import { rebuildRunning } from './rebuild-requests.js';
import { shadowConsumer } from './shadow-consumer.js';
import { shadowOf } from './shadow-tables.js';

// How long the rebuild's consumer may take to reach where the live one is before the swap begins;
// past that the swap gives up and is tried again later.
const CATCH_UP_MS = 5_000;

// Readers queue behind the swap's exclusive table locks: a reader holding one of the tables for long
// makes the swap give up and try later, rather than stall every reader behind it.
const TABLE_LOCK_TIMEOUT_SQL = `SET LOCAL lock_timeout = '2s'`;

// The live consumer carries on from where the rebuilt tables are.
const TAKE_OVER_CHECKPOINT_SQL = `
  INSERT INTO checkpoints (name, transaction_id, global_position)
  SELECT $1, transaction_id, global_position FROM checkpoints WHERE name = $2
  ON CONFLICT (name) DO UPDATE
    SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`;

const FINISH_SQL = `DELETE FROM projection_rebuilds WHERE name = $1`;
const DROP_CHECKPOINT_SQL = `DELETE FROM checkpoints WHERE name = $1`;

/** `later`: the rebuild did not catch up in time; `over`: another projector swapped it in first. */
export type SwapOutcome = 'swapped' | 'later' | 'over';

export interface SwapOptions {
  /** Stops this process's consumer of the rebuild (other processes' are held by the swap's lock). */
  stopShadowConsumer: () => Promise<void>;
  batchSize: number;
}

/**
 * Replaces the live tables of `projection` by the rebuilt ones in one transaction, so readers see
 * the old tables or the new ones, never a mix. First, holding no connection, it waits for the
 * rebuild's consumer to reach where the live one is. Then, in the transaction, it holds the live
 * consumer and the rebuild's (no batch of either runs, in any process, until the swap ends), applies
 * on its own connection the few events the live consumer processed since, moves the tables and hands
 * the rebuild's checkpoint to the live consumer. The swap never waits for a second connection from
 * the pool while it holds one: on a small pool (PG_POOL_MAX=2) that wait could be for itself.
 */
export async function swapIn(pool: pg.Pool, projection: Projection, { stopShadowConsumer, batchSize }: SwapOptions): Promise<SwapOutcome> {
  const { schema, consumer } = shadowOf(projection);
  const target = await readCheckpoint(pool, projection.name);
  const caughtUp = await whenCaughtUp(pool, consumer, target?.global_position ?? 0, { timeoutMs: CATCH_UP_MS }).then(
    () => true,
    () => false,
  );
  if (!caughtUp) return 'later';
  await stopShadowConsumer();
  return withTransaction(pool, async (client) => {
    await holdConsumer(client, projection.name);
    if (!(await rebuildRunning(client, projection.name))) return 'over';
    await holdConsumer(client, consumer);
    const live = await readCheckpoint(client, projection.name);
    if (live) await catchUpInTransaction(client, shadowConsumer(projection), live, batchSize);
    // The rebuild's handler pointed the search path at its schema for the rest of the transaction.
    await client.query('SET LOCAL search_path TO DEFAULT');
    await client.query(TABLE_LOCK_TIMEOUT_SQL);
    for (const table of projection.tables.map((t) => pg.escapeIdentifier(t))) {
      await client.query(`DROP TABLE public.${table}`);
      await client.query(`ALTER TABLE ${pg.escapeIdentifier(schema)}.${table} SET SCHEMA public`);
    }
    await client.query(`DROP SCHEMA ${pg.escapeIdentifier(schema)}`);
    await client.query(TAKE_OVER_CHECKPOINT_SQL, [projection.name, consumer]);
    await client.query(DROP_CHECKPOINT_SQL, [consumer]);
    await client.query(FINISH_SQL, [projection.name]);
    return 'swapped';
  });
}
