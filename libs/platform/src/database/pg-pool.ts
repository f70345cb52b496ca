import pg from 'pg';

// int8 (global positions, counts) fits a JS number for any log this service will hold;
// parsing it here keeps every query's rows typed as numbers instead of strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Valid-time dates stay calendar dates ('2026-01-01'), never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// Timestamps leave the database as ISO 8601 UTC strings, the API's format.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());

export interface PoolOptions {
  max?: number;
  applicationName: string;
}

/**
 * Every service connection gets a statement timeout and an idle-in-transaction timeout:
 * a transaction left open anywhere holds back the snapshot horizon that log consumers wait on.
 */
export function createPool(connectionString: string, { max = 10, applicationName }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    // A server that is down refuses at once; one that hangs must not hold requests forever either.
    connectionTimeoutMillis: 10_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in a transaction on one client, rolling back on any error. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
