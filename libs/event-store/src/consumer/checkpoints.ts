import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { LogPoint, Queryable } from '../log-reads.js';
import { tryTurnSql } from './consumer-turn.js';

/** SQL reading the checkpoint of the consumer named by `name` (an SQL expression). */
export const readCheckpointSql = (name: string) => `SELECT transaction_id::text, global_position FROM checkpoints WHERE name = ${name}`;
const READ_SQL = readCheckpointSql('$1');

const ENSURE_SQL = `INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ($1, '0', 0) ON CONFLICT (name) DO NOTHING`;

// Compare-and-set (infra/migrations/0010_checkpoint-advance.sql): raises ES003 when the checkpoint is
// no longer where the batch started, so the caller's transaction cannot commit without the move.
/** SQL moving a checkpoint, its arguments (name, from transaction, from position, to transaction, to position) SQL expressions. */
export const advanceSql = (args: readonly string[]) => `SELECT advance_checkpoint(${args.join(', ')})`;
const ADVANCE_SQL = advanceSql(['$1', '$2', '$3', '$4', '$5']);
const CHECKPOINT_MOVED = 'ES003';

// The same compare-and-set for several consumers at once, each only while its turn is free: taken for
// this statement's transaction, so no batch of that consumer (here or in another instance) runs meanwhile.
const ADVANCE_IN_TURN_SQL = `
  UPDATE checkpoints c SET transaction_id = m.to_transaction, global_position = m.to_position, updated_at = now()
    FROM unnest($1::text[], $2::xid8[], $3::bigint[], $4::xid8[], $5::bigint[])
         AS m (name, from_transaction, from_position, to_transaction, to_position)
   WHERE c.name = m.name AND c.transaction_id = m.from_transaction AND c.global_position = m.from_position
     AND ${tryTurnSql('m.name')}
  RETURNING c.name`;

const RESET_SQL = `
  INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ($1, '0', 0)
  ON CONFLICT (name) DO UPDATE SET transaction_id = '0', global_position = 0, updated_at = now()`;

const REACHED_SQL = `
  SELECT coalesce((c.transaction_id, c.global_position) >= (p.transaction_id, p.global_position), p.global_position = 0) AS reached,
         c.global_position AS at
    FROM event_log_point($2) p LEFT JOIN checkpoints c ON c.name = $1`;

const POLL_MS = 20;

/** Where consumer `name` is; null when it never ran. */
export async function readCheckpoint(db: Queryable, name: string): Promise<LogPoint | null> {
  const { rows } = await db.query<LogPoint>(READ_SQL, [name]);
  return rows[0] ?? null;
}

/** Makes sure consumer `name` has a checkpoint row (at the start of the log) for batches to compare and set. */
export async function ensureCheckpoint(db: Queryable, name: string): Promise<void> {
  await db.query(ENSURE_SQL, [name]);
}

/** Moves the checkpoint from `from` to `to` in the caller's transaction; raises (isCheckpointMoved) when it is no longer at `from`. */
export async function advanceCheckpoint(client: pg.PoolClient, name: string, from: LogPoint, to: LogPoint): Promise<void> {
  await client.query(ADVANCE_SQL, [name, from.transaction_id, from.global_position, to.transaction_id, to.global_position]);
}

/** Whether `error` is advanceCheckpoint's: the checkpoint had moved from where the batch started. */
export function isCheckpointMoved(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === CHECKPOINT_MOVED;
}

/** A checkpoint move asked for by advanceCheckpointsInTurns. */
export interface CheckpointMove {
  name: string;
  from: LogPoint;
  to: LogPoint;
}

/**
 * Moves each consumer's checkpoint from `from` to `to` in one statement (its own transaction), for
 * consumers with nothing to do in the events between: only where the checkpoint is still at `from`
 * and the consumer's turn is free. Returns the names of the checkpoints it moved.
 */
export async function advanceCheckpointsInTurns(db: Queryable, moves: readonly CheckpointMove[]): Promise<Set<string>> {
  const { rows } = await db.query<{ name: string }>(ADVANCE_IN_TURN_SQL, [
    moves.map((m) => m.name),
    moves.map((m) => String(m.from.transaction_id)),
    moves.map((m) => m.from.global_position),
    moves.map((m) => String(m.to.transaction_id)),
    moves.map((m) => m.to.global_position),
  ]);
  return new Set(rows.map((row) => row.name));
}

/**
 * Puts consumer `name` back at the start of the log (for rebuilds), in the caller's transaction. A batch
 * in flight then fails its compare-and-set, rolls back and starts over from the beginning.
 */
export async function resetCheckpoint(client: pg.PoolClient, name: string): Promise<void> {
  await client.query(RESET_SQL, [name]);
}

/**
 * Resolves once consumer `name` has processed the event at `globalPosition`, comparing log points, so
 * an event that committed late is waited for even when the consumer is past its position number.
 */
export async function whenCaughtUp(pool: pg.Pool, name: string, globalPosition: number, { timeoutMs = 10_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ reached: boolean; at: number | null }>(REACHED_SQL, [name, globalPosition]);
    if (rows[0].reached) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `consumer ${name} did not reach position ${globalPosition} within ${timeoutMs} ms (it is at ${rows[0].at ?? 'no checkpoint'})`,
      );
    }
    await sleep(POLL_MS);
  }
}
