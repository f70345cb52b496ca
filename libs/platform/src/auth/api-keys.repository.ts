import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { withTransaction } from '../database/pg-pool.js';
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
// Every request presents its key; a short cache saves a query per request. A key revoked in
// another process keeps working there for at most this long.
const KEY_CACHE_MS = 5_000;
const KEY_CACHE_SIZE = 1_000;

@Injectable()
export class ApiKeysRepository {
  private readonly cache = new Map<string, { key: ApiKeyRecord; until: number }>();

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
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.key;
    const { rows } = await this.pool.query<ApiKeyRecord>(
      `SELECT id, name, scopes, created_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    if (!rows[0]) return null;
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.clear();
    this.cache.set(hash, { key: rows[0], until: Date.now() + KEY_CACHE_MS });
    return rows[0];
  }

  /** An active key by id with its stored digest, which signs the key's browser sessions (see browser-session.ts). */
  async findActiveWithDigest(id: string): Promise<{ key: ApiKeyRecord; digest: string } | null> {
    const { rows } = await this.pool.query<ApiKeyRecord & { key_hash: string }>(
      `SELECT id, name, scopes, created_at, key_hash FROM api_keys WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    if (!rows[0]) return null;
    const { key_hash, ...key } = rows[0];
    return { key, digest: key_hash };
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<ApiKeyRecord>(
      `SELECT id, name, scopes, created_at FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at, id`,
    );
    return rows;
  }

  async revoke(id: string): Promise<boolean> {
    this.cache.clear();
    const { rowCount } = await this.pool.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return rowCount === 1;
  }

  /**
   * On an empty key table, creates the admin key: `configuredKey` when given, else a new one.
   * A configured key is also (re)admitted on later starts. Returns the key only when it was generated,
   * since that is the one moment it can be shown.
   */
  async bootstrapAdmin(configuredKey: string | undefined): Promise<string | null> {
    return withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      if (configuredKey) {
        await client.query(
          `INSERT INTO api_keys (name, key_hash, scopes) VALUES ('bootstrap admin (ADMIN_API_KEY)', $1, '{admin}')
           ON CONFLICT (key_hash) DO NOTHING`,
          [hashApiKey(configuredKey)],
        );
        return null;
      }
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM api_keys) AS any`);
      if (rows[0].any) return null;
      const generated = generateApiKey();
      await client.query(`INSERT INTO api_keys (name, key_hash, scopes) VALUES ('bootstrap admin', $1, '{admin}')`, [
        hashApiKey(generated),
      ]);
      return generated;
    });
  }
}
