import pg from 'pg';
import type { Projection } from '../projection/projection.js';

/** Where a rebuild of `projection` builds its tables, and the checkpoint of the consumer that fills them. */
export function shadowOf(projection: Projection) {
  return { schema: `rebuild_${projection.name}`, consumer: `${projection.name}:rebuild` };
}

// Pairs each index that LIKE … INCLUDING ALL gave a shadow table with the live index it copies (same
// table, same definition once index and table names are taken out), so that the shadow's indexes can
// take the live names and keep them once they are swapped in.
const SAME_INDEXES_SQL = String.raw`
  SELECT s.indexname AS shadow_name, l.indexname AS live_name
    FROM pg_indexes s
    JOIN pg_indexes l ON l.schemaname = 'public' AND l.tablename = s.tablename
                     AND regexp_replace(l.indexdef, 'INDEX \S+ ON \S+', '') = regexp_replace(s.indexdef, 'INDEX \S+ ON \S+', '')
   WHERE s.schemaname = $1 AND s.indexname <> l.indexname`;

/** Empty copies of the projection's tables (columns, defaults, constraints, indexes) in its own schema, in the caller's transaction. */
export async function createShadowTables(client: pg.PoolClient, projection: Projection): Promise<void> {
  const { schema } = shadowOf(projection);
  const shadow = pg.escapeIdentifier(schema);
  // Left over by a rebuild that was abandoned (its request deleted by hand): start clean.
  await client.query(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
  await client.query(`CREATE SCHEMA ${shadow}`);
  for (const table of projection.tables.map((t) => pg.escapeIdentifier(t))) {
    await client.query(`CREATE TABLE ${shadow}.${table} (LIKE public.${table} INCLUDING ALL)`);
  }
  const { rows } = await client.query<{ shadow_name: string; live_name: string }>(SAME_INDEXES_SQL, [schema]);
  for (const { shadow_name, live_name } of rows) {
    await client.query(`ALTER INDEX ${shadow}.${pg.escapeIdentifier(shadow_name)} RENAME TO ${pg.escapeIdentifier(live_name)}`);
  }
}
