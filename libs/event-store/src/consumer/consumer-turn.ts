import type pg from 'pg';

// A consumer's turn is a transaction-scoped advisory lock on its name: no session state, so it works
// behind a transaction-pooling PgBouncer, and it ends with the transaction, killed or not. The first
// key (0x6e6c636f, 'nlco') keeps these locks apart from other advisory locks.
/** SQL taking the turn of the consumer named by `name` (an SQL expression) for the transaction; false while another has it. */
export const tryTurnSql = (name: string) => `pg_try_advisory_xact_lock(1852597103, hashtext(${name}))`;
const WAIT_TURN_SQL = `SELECT pg_advisory_xact_lock(1852597103, hashtext($1))`;

/**
 * Takes consumer `name`'s turn for the caller's transaction, once a batch in flight has finished: its
 * instances stand by until that transaction ends (maintenance, rebuild swaps, tests of lag).
 */
export async function holdConsumer(client: pg.PoolClient, name: string): Promise<void> {
  await client.query(WAIT_TURN_SQL, [name]);
}
