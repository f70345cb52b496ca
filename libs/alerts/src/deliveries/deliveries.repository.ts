import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@newsledger/platform';
import type pg from 'pg';
import type { Keyset } from '../http/pagination.js';
import type { AttemptRecord, DeliveryStatus, NewDelivery, OutgoingDelivery, QueuedDelivery } from './delivery.js';

/** A delivery as the API lists it: what was written, without the body, plus its progress. */
export interface DeliveryRow extends Omit<NewDelivery, 'payload' | 'event_recorded_at'> {
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  completed_at: string | null;
  created_at: string;
}

export interface AttemptRow {
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

const DELIVERY_COLUMNS = `d.id, d.subscription_id, d.message_id, d.event_type, d.event_id, d.global_position, d.replay_id, d.status,
  d.attempt_count, d.next_attempt_at, d.last_attempt_at, d.completed_at, d.created_at`;

@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /**
   * Writes the rows that do not exist yet: ids are derived, so a retried batch is a no-op. On the pool
   * or a caller's connection. The bodies go as one JSON array, their texts joined as they are (a json
   * element keeps its text): as a json[] parameter each body's every quote was escaped in JavaScript.
   */
  async insert(deliveries: QueuedDelivery[], db: Pick<pg.Pool | pg.PoolClient, 'query'> = this.pool): Promise<void> {
    if (deliveries.length === 0) return;
    const column = <K extends keyof QueuedDelivery>(key: K) => deliveries.map((d) => d[key]);
    await db.query(
      `INSERT INTO deliveries (id, subscription_id, message_id, event_type, event_id, global_position, event_recorded_at, replay_id, payload, job_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::bigint[], $7::timestamptz[], $8::uuid[],
         ARRAY(SELECT body FROM json_array_elements($9::json) WITH ORDINALITY AS b(body, n) ORDER BY n), $10::uuid[])
       ON CONFLICT DO NOTHING`,
      [
        column('id'),
        column('subscription_id'),
        column('message_id'),
        column('event_type'),
        column('event_id'),
        column('global_position'),
        column('event_recorded_at'),
        column('replay_id'),
        `[${column('payload').join(',')}]`,
        column('job_id'),
      ],
    );
  }

  /** The deliveries among `ids` with their endpoints, in `ids` order (null for one that is gone). */
  async forSending(ids: string[]): Promise<(OutgoingDelivery | null)[]> {
    const { rows } = await this.pool.query<OutgoingDelivery>(
      `SELECT d.id, d.subscription_id, d.message_id, d.event_type, d.payload::text AS payload, d.status, d.event_recorded_at, d.replay_id,
              s.url, s.status AS subscription_status,
              array_remove(ARRAY[s.secret, CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END], NULL) AS secrets
       FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
       WHERE d.id = ANY ($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Logs attempts, moves each delivery to its new status, and keeps each subscription's
   * `failing_since`: cleared by a success, set by the first failure after one (a success in the
   * same batch wins). Returns, per attempt, the `failing_since` its subscription now has.
   */
  async recordAttempts(attempts: AttemptRecord[]): Promise<{ failing_since: string | null }[]> {
    const column = <K extends keyof AttemptRecord>(key: K) => attempts.map((a) => a[key]);
    const { rows } = await this.pool.query<{ ord: number; failing_since: string | null }>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
           WITH ORDINALITY AS t(delivery_id, subscription_id, attempted_at, status_code, latency_ms, excerpt, error, outcome, next_attempt_at, ord)
       ), attempt AS (
         INSERT INTO delivery_attempts (delivery_id, attempted_at, status_code, latency_ms, response_excerpt, error)
         SELECT i.delivery_id, i.attempted_at, i.status_code, i.latency_ms, i.excerpt, i.error
         FROM input i JOIN deliveries d ON d.id = i.delivery_id
       ), delivery AS (
         UPDATE deliveries d SET status = i.outcome, attempt_count = d.attempt_count + 1, last_attempt_at = i.attempted_at,
           next_attempt_at = coalesce(i.next_attempt_at, d.next_attempt_at),
           completed_at = CASE WHEN i.outcome IN ('succeeded', 'dead') THEN now() END
         FROM input i WHERE d.id = i.delivery_id
       ), endpoint AS (
         SELECT subscription_id, bool_or(outcome = 'succeeded') AS recovered,
                min(attempted_at) FILTER (WHERE outcome <> 'succeeded') AS first_failure
         FROM input GROUP BY subscription_id
       ), marked AS (
         -- only rows whose state changes are written, so healthy endpoints' rows are not locked by every delivery
         UPDATE subscriptions s SET failing_since = CASE WHEN e.recovered THEN NULL ELSE e.first_failure END
         FROM endpoint e
         WHERE s.id = e.subscription_id AND CASE WHEN e.recovered THEN s.failing_since IS NOT NULL ELSE s.failing_since IS NULL END
         RETURNING s.id, s.failing_since
       )
       SELECT i.ord::int, CASE WHEN e.recovered THEN NULL ELSE coalesce(m.failing_since, s.failing_since) END AS failing_since
       FROM input i JOIN endpoint e USING (subscription_id)
       LEFT JOIN marked m ON m.id = i.subscription_id
       LEFT JOIN subscriptions s ON s.id = i.subscription_id
       ORDER BY i.ord`,
      [
        column('deliveryId'),
        column('subscriptionId'),
        column('attemptedAt'),
        column('statusCode'),
        column('latencyMs'),
        column('excerpt'),
        column('error'),
        column('outcome'),
        column('nextAttemptAt'),
      ],
    );
    return rows.map(({ failing_since }) => ({ failing_since }));
  }

  /** Settles a delivery that will not be tried again (its endpoint was disabled, its retries ran out). */
  async markDead(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE deliveries SET status = 'dead', completed_at = now() WHERE id = $1 AND status IN ('pending', 'failed')`,
      [id],
    );
  }

  async find(id: string): Promise<DeliveryRow | null> {
    const { rows } = await this.pool.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries d WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A dead delivery goes back to pending; null when it was not dead. */
  async revive(id: string): Promise<DeliveryRow | null> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `UPDATE deliveries d SET status = 'pending', next_attempt_at = now(), completed_at = NULL
       WHERE d.id = $1 AND d.status = 'dead'
       RETURNING ${DELIVERY_COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Newest first, one past `limit`, each with its attempts in order. */
  async page(
    subscriptionId: string,
    status: DeliveryStatus | undefined,
    before: Keyset | null,
    limit: number,
  ): Promise<(DeliveryRow & { attempts: AttemptRow[] })[]> {
    const { rows } = await this.pool.query<DeliveryRow & { attempts: AttemptRow[] }>(
      `SELECT ${DELIVERY_COLUMNS},
         coalesce((SELECT json_agg(json_build_object('attempted_at', a.attempted_at, 'status_code', a.status_code,
                     'latency_ms', a.latency_ms, 'response_excerpt', a.response_excerpt, 'error', a.error) ORDER BY a.id)
                   FROM delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
       FROM deliveries d
       WHERE d.subscription_id = $1
         AND ($2::text IS NULL OR d.status = $2)
         AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3, $4::uuid))
       ORDER BY d.created_at DESC, d.id DESC
       LIMIT $5`,
      [subscriptionId, status ?? null, before?.at ?? null, before?.id ?? null, limit + 1],
    );
    return rows;
  }

  /**
   * Unsettled deliveries whose attempt is overdue by more than `graceMs` (in a backlog, or lost by the
   * queue), in (next_attempt_at, id) order after `after`, so successive sweeps walk the whole set.
   */
  async overdue(graceMs: number, after: Keyset | null, limit: number): Promise<{ id: string; next_attempt_at: string; job_id: string | null }[]> {
    const { rows } = await this.pool.query<{ id: string; next_attempt_at: string; job_id: string | null }>(
      `SELECT id, next_attempt_at, job_id FROM deliveries
       WHERE status IN ('pending', 'failed') AND next_attempt_at < now() - make_interval(secs => $1 / 1000.0)
         AND ($2::timestamptz IS NULL OR (next_attempt_at, id) > ($2, $3::uuid))
       ORDER BY next_attempt_at, id
       LIMIT $4`,
      [graceMs, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows;
  }
}
