import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@newsledger/platform';
import type pg from 'pg';
import type { DeliveryStatus } from '../deliveries/delivery.js';
import type { Criteria } from '../subscriptions/criteria.js';

export interface ReplayRow {
  id: string;
  subscription_id: string;
  criteria: Criteria;
  event_types: string[] | null;
  from_position: number;
  since: string | null;
  until: string | null;
  up_to_position: number;
  matched: number;
  cursor_position: number;
  status: 'pending' | 'running' | 'completed' | 'failed';
  /** Times it was claimed; see MAX_REPLAY_ATTEMPTS. */
  attempts: number;
  error: string | null;
  created_at: string;
  completed_at: string | null;
}

export type NewReplay = Pick<
  ReplayRow,
  'subscription_id' | 'criteria' | 'event_types' | 'from_position' | 'since' | 'until' | 'up_to_position' | 'matched'
>;

/** A runner that has not beaten for this long is presumed dead; another may take its replay over. */
export const REPLAY_STALE_MS = 15_000;
/** A replay whose run failed this many times is marked failed (its error says why) instead of claimed again. */
export const MAX_REPLAY_ATTEMPTS = 3;

@Injectable()
export class ReplaysRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** `claimed`: the caller runs it now (the CLI), so runners elsewhere leave it alone. */
  async create(replay: NewReplay, { claimed }: { claimed: boolean }): Promise<ReplayRow> {
    const { rows } = await this.pool.query<ReplayRow>(
      `INSERT INTO replays (subscription_id, criteria, event_types, from_position, since, until, up_to_position, matched,
                            cursor_position, status, heartbeat_at)
       VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8, greatest($4::bigint - 1, 0), CASE WHEN $9 THEN 'running' ELSE 'pending' END,
               CASE WHEN $9 THEN now() END)
       RETURNING *`,
      [
        replay.subscription_id,
        replay.criteria,
        replay.event_types,
        replay.from_position,
        replay.since,
        replay.until,
        replay.up_to_position,
        replay.matched,
        claimed,
      ],
    );
    return rows[0];
  }

  async find(id: string): Promise<ReplayRow | null> {
    const { rows } = await this.pool.query<ReplayRow>(`SELECT * FROM replays WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Takes the oldest replay nobody is running (never started, or its runner stopped beating). */
  async claimNext(): Promise<ReplayRow | null> {
    const { rows } = await this.pool.query<ReplayRow>(
      `UPDATE replays SET status = 'running', heartbeat_at = now(), attempts = attempts + 1
       WHERE id = (SELECT id FROM replays
                   WHERE status IN ('pending', 'running')
                     AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $1 / 1000.0))
                   ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [REPLAY_STALE_MS],
    );
    return rows[0] ?? null;
  }

  /** A failed run gives the replay back at once (no waiting for its heartbeat to go stale), with why. */
  async release(id: string, error: string): Promise<void> {
    await this.pool.query(`UPDATE replays SET heartbeat_at = NULL, error = $2 WHERE id = $1 AND status = 'running'`, [id, error]);
  }

  /** Moves the resume point and beats the heartbeat. */
  async advance(id: string, cursorPosition: number): Promise<void> {
    await this.pool.query(`UPDATE replays SET cursor_position = $2, heartbeat_at = now() WHERE id = $1`, [id, cursorPosition]);
  }

  async finish(id: string, error: string | null): Promise<ReplayRow> {
    const { rows } = await this.pool.query<ReplayRow>(
      `UPDATE replays SET status = CASE WHEN $2::text IS NULL THEN 'completed' ELSE 'failed' END, error = $2, completed_at = now()
       WHERE id = $1 RETURNING *`,
      [id, error],
    );
    return rows[0];
  }

  async deliveryCounts(id: string): Promise<Record<DeliveryStatus, number>> {
    const { rows } = await this.pool.query<{ status: DeliveryStatus; count: number }>(
      `SELECT status, count(*)::int AS count FROM deliveries WHERE replay_id = $1 GROUP BY status`,
      [id],
    );
    const counts = { pending: 0, succeeded: 0, failed: 0, dead: 0 };
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }
}
