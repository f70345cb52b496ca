import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../tokens.js';
import { generateApiKey, hashApiKey } from './api-key.js';
import type { Scope } from './scopes.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: Scope[];
  created_at: string;
}

// Bootstrapping takes this lock so replicas starting together create one admin key.
const BOOTSTRAP_LOCK = 0x6e6c_6b65;

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async create(name: string, scopes: Scope[], key = generateApiKey()): Promise<ApiKeyRecord & { key: string }> {
    const { rows } = await this.pool.query<ApiKeyRecord>(
      `INSERT INTO api_keys (name, key_hash, scopes) VALUES ($1, $2, $3)
       RETURNING id, name, scopes, created_at`,
      [name, hashApiKey(key), scopes],
    );
    return { ...rows[0], key };
  }

  async findActiveByKey(key: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query<ApiKeyRecord>(
      `SELECT id, name, scopes, created_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hashApiKey(key)],
    );
    return rows[0] ?? null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<ApiKeyRecord>(
      `SELECT id, name, scopes, created_at FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at, id`,
    );
    return rows;
  }

  async revoke(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return rowCount === 1;
  }

  /**
   * On an empty key table, creates the admin key: `configuredKey` when given, else a new one.
   * A configured key is also (re)admitted on later starts. Returns the key only when it was generated,
   * since that is the one moment it can be shown.
   */
  async bootstrapAdmin(configuredKey: string | undefined): Promise<string | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      let generated: string | null = null;
      if (configuredKey) {
        await client.query(
          `INSERT INTO api_keys (name, key_hash, scopes) VALUES ('bootstrap admin (ADMIN_API_KEY)', $1, '{admin}')
           ON CONFLICT (key_hash) DO NOTHING`,
          [hashApiKey(configuredKey)],
        );
      } else {
        const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM api_keys) AS any`);
        if (!rows[0].any) {
          generated = generateApiKey();
          await client.query(`INSERT INTO api_keys (name, key_hash, scopes) VALUES ('bootstrap admin', $1, '{admin}')`, [
            hashApiKey(generated),
          ]);
        }
      }
      await client.query('COMMIT');
      return generated;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
