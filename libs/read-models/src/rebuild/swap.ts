import { holdConsumer, readCheckpoint, whenCaughtUp } from '@newsledger/event-store';
import { withTransaction } from '@newsledger/platform';
import pg from 'pg';
import type { Projection } from '../projection/projection.js';
import { rebuildRunning } from './rebuild-requests.js';
import { shadowOf } from './shadow-tables.js';

// How long the live consumer may be held while the rebuild covers its last events; past that the
// swap gives up and is tried again later.
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

/**
 * Replaces the live tables of `projection` by the rebuilt ones in one transaction, so readers see
 * the old tables or the new ones, never a mix. It holds the live consumer (no batch of it runs, in
 * any process, until the swap ends), waits for the rebuild's consumer to reach the live checkpoint
 * (it may pass it), stops that one too (`stopShadowConsumer` for this process's, holding it for any
 * other's), then moves the tables and hands the rebuild's checkpoint to the live consumer.
 */
export async function swapIn(pool: pg.Pool, projection: Projection, stopShadowConsumer: () => Promise<void>): Promise<SwapOutcome> {
  const { schema, consumer } = shadowOf(projection);
  return withTransaction(pool, async (client) => {
    await holdConsumer(client, projection.name);
    if (!(await rebuildRunning(client, projection.name))) return 'over';
    const live = await readCheckpoint(client, projection.name);
    const caughtUp = await whenCaughtUp(pool, consumer, live?.global_position ?? 0, { timeoutMs: CATCH_UP_MS }).then(
      () => true,
      () => false,
    );
    if (!caughtUp) return 'later';
    await stopShadowConsumer();
    await holdConsumer(client, consumer);
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
