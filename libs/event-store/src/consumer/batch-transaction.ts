import type pg from 'pg';
import type { LogPoint } from '../log-reads.js';
import { advanceSql, readCheckpointSql } from './checkpoints.js';
import { tryTurnSql } from './consumer-turn.js';

// A live consumer's batch is often one event, so its transaction's fixed statements are most of its
// round trips. Both ends go in one simple query each, with the values inlined as literals (a simple
// query takes no parameters); its statements run in order, each with a snapshot of its own, and it
// stops at the first that fails.

/**
 * Opens a batch's transaction (`settings` are SET LOCAL statements), takes consumer `name`'s turn and
 * reads its checkpoint, in one round trip. The checkpoint is read after the turn is taken, so it is
 * where the last holder of the turn left it. Null while another transaction has the turn.
 */
export async function beginTurn(client: pg.PoolClient, name: string, settings: readonly string[]): Promise<{ checkpoint: LogPoint | null } | null> {
  const literal = client.escapeLiteral(name);
  const sql = ['BEGIN', ...settings, `SELECT ${tryTurnSql(literal)} AS taken`, readCheckpointSql(literal)].join('; ');
  const results = (await client.query(sql)) as unknown as pg.QueryResult[];
  const [turn, checkpoint] = results.slice(-2);
  if (!(turn.rows[0] as { taken: boolean }).taken) return null;
  return { checkpoint: (checkpoint.rows[0] as LogPoint | undefined) ?? null };
}

/**
 * Moves consumer `name`'s checkpoint from `from` to `to` and commits, in one round trip. When the
 * checkpoint is no longer at `from`, the move raises (isCheckpointMoved), the COMMIT does not run and
 * the transaction is left for the caller to roll back.
 */
export async function advanceAndCommit(client: pg.PoolClient, name: string, from: LogPoint, to: LogPoint): Promise<void> {
  const args = [
    client.escapeLiteral(name),
    `${client.escapeLiteral(String(from.transaction_id))}::xid8`,
    String(Number(from.global_position)),
    `${client.escapeLiteral(String(to.transaction_id))}::xid8`,
    String(Number(to.global_position)),
  ];
  await client.query(`${advanceSql(args)}; COMMIT`);
}
