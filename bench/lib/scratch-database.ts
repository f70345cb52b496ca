import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, migrateDatabase } from '@newsledger/platform';

export interface ScratchDatabase {
  readonly url: string;
  readonly pool: pg.Pool;
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A migrated database of its own on DATABASE_URL's server for `work`, dropped afterwards whatever happens. */
export async function withScratchDatabase<T>(work: (db: ScratchDatabase) => Promise<T>, { poolSize = 20 } = {}): Promise<T> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_URL;
  const name = `newsledger_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const pool = createPool(url.toString(), { max: poolSize, applicationName: 'newsledger-bench' });
  try {
    await migrateDatabase(url.toString(), { queueOnPostgres: false });
    return await work({ url: url.toString(), pool });
  } finally {
    await pool.end();
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
