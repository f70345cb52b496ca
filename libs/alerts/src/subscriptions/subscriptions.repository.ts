import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@newsledger/platform';
import type pg from 'pg';
import type { Keyset } from '../http/pagination.js';
import { SUBSCRIPTION_COLUMNS, type SubscriptionRow } from './subscription.js';
import type { CreateSubscription, PatchSubscription } from './subscription.schema.js';
import { ROTATION_OVERLAP_MS } from './webhook-secret.js';

@Injectable()
export class SubscriptionsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async create(input: CreateSubscription, secret: string): Promise<SubscriptionRow> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `INSERT INTO subscriptions (url, description, event_types, filter_companies, filter_regions, filter_jurisdictions, min_confidence, secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [input.url, input.description, input.event_types, ...filterParams(input.filter), secret],
    );
    return rows[0];
  }

  async find(id: string): Promise<SubscriptionRow | null> {
    const { rows } = await this.pool.query<SubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** One page in creation order, fetching `limit + 1` rows (see toPage). */
  async page(after: Keyset | null, limit: number, status: string | undefined): Promise<SubscriptionRow[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions
       WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1, $2::uuid))
         AND ($3::text IS NULL OR status = $3)
       ORDER BY created_at, id
       LIMIT $4`,
      [after?.at ?? null, after?.id ?? null, status ?? null, limit + 1],
    );
    return rows;
  }

  /** Applies the fields present in `patch`; an absent field keeps its value. */
  async update(id: string, patch: PatchSubscription): Promise<SubscriptionRow | null> {
    const filter = patch.filter ? filterParams(patch.filter) : [null, null, null, null];
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE subscriptions SET
         url = coalesce($2, url),
         description = CASE WHEN $3 THEN $4 ELSE description END,
         event_types = coalesce($5, event_types),
         filter_companies = coalesce($6, filter_companies),
         filter_regions = coalesce($7, filter_regions),
         filter_jurisdictions = coalesce($8, filter_jurisdictions),
         min_confidence = CASE WHEN $10 THEN $9 ELSE min_confidence END,
         updated_at = now()
       WHERE id = $1
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id, patch.url ?? null, 'description' in patch, patch.description ?? null, patch.event_types ?? null, ...filter, patch.filter !== undefined],
    );
    return rows[0] ?? null;
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`DELETE FROM subscriptions WHERE id = $1`, [id]);
    return rowCount === 1;
  }

  /** The current secret becomes the previous one, still signing for ROTATION_OVERLAP_MS. */
  async rotateSecret(id: string, secret: string): Promise<SubscriptionRow | null> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE subscriptions SET previous_secret = secret, secret = $2,
         previous_secret_expires_at = now() + make_interval(secs => $3 / 1000.0), updated_at = now()
       WHERE id = $1
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id, secret, ROTATION_OVERLAP_MS],
    );
    return rows[0] ?? null;
  }

  async enable(id: string): Promise<SubscriptionRow | null> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE subscriptions SET status = 'active', disabled_reason = NULL, disabled_at = NULL, failing_since = NULL, updated_at = now()
       WHERE id = $1
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Disables an active subscription; null when it was not active (already disabled, or gone). */
  async disable(id: string, reason: string): Promise<SubscriptionRow | null> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE subscriptions SET status = 'disabled', disabled_reason = $2, disabled_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'active'
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id, reason],
    );
    return rows[0] ?? null;
  }

  /** On the pool, or on a caller's connection (the router's batch, which must not wait for a second one). */
  async listActive(db: Pick<pg.Pool | pg.PoolClient, 'query'> = this.pool): Promise<SubscriptionRow[]> {
    const { rows } = await db.query<SubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE status = 'active'`);
    return rows;
  }
}

function filterParams(filter: CreateSubscription['filter']) {
  return [filter.companies, filter.regions, filter.jurisdictions, filter.min_confidence] as const;
}
