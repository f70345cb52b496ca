import pg from 'pg';

/**
 * The service's row types, for its own pools only (BullMQ's PostgreSQL backend and any other pg user
 * in the process keep pg's defaults):
 * - int8 (global positions, counts) as a number, exact up to 2^53 — far beyond any log this service
 *   holds; a larger value fails loudly instead of rounding;
 * - valid-time dates stay calendar dates ('2026-01-01'), never shifted by a time zone;
 * - timestamps leave the database as ISO 8601 UTC strings, the API's format.
 */
export const SERVICE_TYPES = new pg.TypeOverrides();
SERVICE_TYPES.setTypeParser(pg.types.builtins.INT8, safeInteger);
SERVICE_TYPES.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
SERVICE_TYPES.setTypeParser(pg.types.builtins.TIMESTAMPTZ, timestampText);

/** A bigint from PostgreSQL as a JS number, refusing one that a number cannot hold exactly. */
export function safeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${value} is beyond the integers a number holds exactly`);
  return n;
}

/**
 * Reading a timestamp never throws: a value JavaScript cannot represent (a BC date, `infinity`, written
 * before the edge bounded them) comes out as PostgreSQL wrote it, instead of stopping every reader of that row.
 */
export function timestampText(value: string): string {
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}

export interface PoolOptions {
  max?: number;
  applicationName: string;
  /** How long a caller waits for a free connection before failing (never forever: a full pool must not hang the caller). */
  connectionTimeoutMillis?: number;
}

/** What every connection of the service gets: timeouts, the service's types and an application name. */
export function connectionSettings(connectionString: string, applicationName: string): pg.ClientConfig {
  return {
    connectionString,
    application_name: applicationName,
    // A transaction left open anywhere holds back the snapshot horizon that log consumers wait on.
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    types: SERVICE_TYPES,
  };
}

/**
 * A client that reports a lost connection (the server shutting down: 57P01) through its pending
 * queries instead of crashing the process with an unhandled 'error' event.
 */
export function guardClient<T extends pg.Client | pg.PoolClient>(client: T): T {
  client.on('error', () => undefined);
  return client;
}

/** A standalone client (LISTEN, migrations, the CLI's probes) with the service's settings and an error listener. */
export function createClient(connectionString: string, applicationName: string): pg.Client {
  return guardClient(new pg.Client({ ...connectionSettings(connectionString, applicationName), connectionTimeoutMillis: 10_000 }));
}

export function createPool(connectionString: string, { max = 10, applicationName, connectionTimeoutMillis = 10_000 }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({ ...connectionSettings(connectionString, applicationName), max, connectionTimeoutMillis });
  // An idle client losing its connection must not crash the process; the pool replaces it. Checked-out
  // clients get their own listener too (the pool's is only on idle ones).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => void guardClient(client));
  return pool;
}

/**
 * Runs `work` in a transaction on one client, rolling back on any error. A client whose ROLLBACK
 * failed is in an unknown state (maybe still in the transaction): it is destroyed, not pooled.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => {
      broken = rollbackFailed;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
