import { consumerLag, haltedConsumers } from '@newsledger/event-store';
import type pg from 'pg';
import type { Projection } from '../projection/projection.js';
import { shadowOf } from './shadow-tables.js';

export interface ProjectionStatus {
  name: string;
  /** The last event the live tables reflect. */
  position: number;
  lag_events: number;
  lag_seconds: number;
  /** `failed`: its consumer halted on an event it cannot process (see `error`); a rebuild shows as `rebuilding`. */
  state: 'live' | 'rebuilding' | 'failed';
  /** Why the projection stopped, null while it runs. */
  error: { message: string; position: number; since: string } | null;
  /** Percent of the way from the start of the log to the live position; null when no rebuild runs. */
  progress: number | null;
}

// A rebuild that has not started yet has not built anything, whatever checkpoint an earlier one left.
const POSITIONS_SQL = `
  SELECT p.name, coalesce(live.global_position, 0) AS position, r.name IS NOT NULL AS rebuilding,
         CASE WHEN r.started_at IS NULL THEN 0 ELSE coalesce(shadow.global_position, 0) END AS rebuilt_to
    FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p (name, shadow, ord)
    LEFT JOIN checkpoints live ON live.name = p.name
    LEFT JOIN checkpoints shadow ON shadow.name = p.shadow
    LEFT JOIN projection_rebuilds r ON r.name = p.name
   ORDER BY p.ord`;

/** Where each projection is, how far behind the log, and how far along its rebuild is. */
export async function projectionStatuses(pool: pg.Pool, projections: readonly Projection[]): Promise<ProjectionStatus[]> {
  const { rows } = await pool.query<{ name: string; position: number; rebuilding: boolean; rebuilt_to: number }>(POSITIONS_SQL, [
    projections.map((p) => p.name),
    projections.map((p) => shadowOf(p).consumer),
  ]);
  const halts = new Map((await haltedConsumers(pool)).map((halt) => [halt.name, halt]));
  return Promise.all(
    rows.map(async ({ name, position, rebuilding, rebuilt_to }) => {
      const halt = halts.get(name);
      return {
        name,
        position,
        ...(await consumerLag(pool, name)),
        state: rebuilding ? ('rebuilding' as const) : halt ? ('failed' as const) : ('live' as const),
        error: halt ? { message: halt.error, position: halt.global_position, since: halt.halted_at } : null,
        progress: rebuilding ? percent(rebuilt_to, position) : null,
      };
    }),
  );
}

function percent(done: number, of: number): number {
  return of === 0 ? 0 : Math.min(100, Math.floor((1000 * done) / of) / 10);
}
