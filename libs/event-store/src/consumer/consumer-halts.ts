import type { Queryable } from '../log-reads.js';

export interface ConsumerHalt {
  name: string;
  /** The event the consumer could not process. */
  global_position: number;
  error: string;
  halted_at: string;
}

const RECORD_SQL = `
  INSERT INTO consumer_halts (name, global_position, error) VALUES ($1, $2, $3)
  ON CONFLICT (name) DO UPDATE SET global_position = $2, error = $3, halted_at = now()`;
const CLEAR_SQL = `DELETE FROM consumer_halts WHERE name = $1`;
const LIST_SQL = `SELECT name, global_position, error, halted_at FROM consumer_halts ORDER BY name`;

export async function recordHalt(db: Queryable, name: string, globalPosition: number, error: string): Promise<void> {
  await db.query(RECORD_SQL, [name, globalPosition, error]);
}

export async function clearHalt(db: Queryable, name: string): Promise<void> {
  await db.query(CLEAR_SQL, [name]);
}

/** Every consumer of this ledger that stopped on an event it could not process, whichever process ran it. */
export async function haltedConsumers(db: Queryable): Promise<ConsumerHalt[]> {
  return (await db.query<ConsumerHalt>(LIST_SQL)).rows;
}
