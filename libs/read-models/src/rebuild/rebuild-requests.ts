import { resetCheckpoint } from '@newsledger/event-store';
import { withTransaction } from '@newsledger/platform';
import type pg from 'pg';
import type { Projection } from '../projection/projection.js';
import { createShadowTables, shadowOf } from './shadow-tables.js';

type Queryable = pg.Pool | pg.PoolClient;

const REQUEST_SQL = `INSERT INTO projection_rebuilds (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`;
const RUNNING_SQL = `SELECT 1 FROM projection_rebuilds WHERE name = $1 AND started_at IS NOT NULL`;
const REQUESTED_SQL = `SELECT name FROM projection_rebuilds`;
const CLAIM_SQL = `SELECT started_at FROM projection_rebuilds WHERE name = $1 FOR UPDATE`;
const START_SQL = `UPDATE projection_rebuilds SET started_at = now() WHERE name = $1`;

/** Asks the projectors to rebuild `name`; false when a rebuild of it is already under way. */
export async function requestRebuild(db: Queryable, name: string): Promise<boolean> {
  return (await db.query(REQUEST_SQL, [name])).rowCount === 1;
}

/** The projections whose rebuild has been asked for and not yet swapped in. */
export async function requestedRebuilds(db: Queryable): Promise<Set<string>> {
  return new Set((await db.query<{ name: string }>(REQUESTED_SQL)).rows.map((r) => r.name));
}

/** Whether the rebuild of `name` has its shadow tables and has not been swapped in yet. */
export async function rebuildRunning(db: Queryable, name: string): Promise<boolean> {
  return (await db.query(RUNNING_SQL, [name])).rowCount === 1;
}

/**
 * Starts the requested rebuild of `projection` (empty shadow tables, its checkpoint at the start of
 * the log) unless a projector has already: then it carries on from the rebuild's own checkpoint.
 * False when there is no rebuild to run any more.
 */
export async function claimRebuild(pool: pg.Pool, projection: Projection): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ started_at: string | null }>(CLAIM_SQL, [projection.name]);
    if (rows.length === 0) return false;
    if (rows[0].started_at === null) {
      await createShadowTables(client, projection);
      await resetCheckpoint(client, shadowOf(projection).consumer);
      await client.query(START_SQL, [projection.name]);
    }
    return true;
  });
}
