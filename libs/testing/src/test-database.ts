import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, migrateDatabase } from '@newsledger/platform';
import { testEnv, withDatabase } from './test-environment.js';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  /** A pool on the database for assertions and set-up; closed by drop(). */
  readonly pool: pg.Pool;
  drop(): Promise<void>;
}

// Serialises template creation across jest workers.
const TEMPLATE_LOCK = 0x6e6c_7470;

/** A fresh, migrated database for one test file, cloned in milliseconds from a template migrated once per run. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testEnv('adminUrl');
  const template = testEnv('template');
  if (!adminUrl || !template) throw new Error('Run tests through `npm test`: the jest global setup finds PostgreSQL.');
  const name = `newsledger_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (rowCount === 0) {
        await admin.query(`CREATE DATABASE ${template}`);
        await migrateDatabase(withDatabase(adminUrl, template), { queueOnPostgres: true });
      }
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  const url = withDatabase(adminUrl, name);
  const pool = createPool(url, { max: 20, applicationName: 'newsledger-test' });
  return {
    url,
    name,
    pool,
    async drop() {
      await pool.end();
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
