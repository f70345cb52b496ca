import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { createTestDatabase, eventually, type TestDatabase } from '@newsledger/testing';
import { createPool, safeInteger, withTransaction } from './pg-pool.js';

describe('the service pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('survives the server ending a checked-out connection, and does not pool the broken client', async () => {
    const pool = createPool(db.url, { max: 1, applicationName: 'pool-spec' });
    try {
      let killed = 0;
      await expect(
        withTransaction(pool, async (client) => {
          killed = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
          await db.pool.query('SELECT pg_terminate_backend($1)', [killed]);
          // The server's notice of the end arrives as an 'error' event on the idle client.
          await eventually(async () => expect((await db.pool.query('SELECT count(*) FROM pg_stat_activity WHERE pid = $1', [killed])).rows[0].count).toBe(0));
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(rows[0].pid).not.toBe(killed);
    } finally {
      await pool.end();
    }
  });

  it('destroys a client whose ROLLBACK failed instead of pooling it still inside the transaction', async () => {
    // A ROLLBACK can fail while the connection still works: here a client-side read timeout gives up
    // on it before it is even sent, queued behind a statement waiting for a lock. Pooled as it is, the
    // client would carry the open transaction to its next caller, who would see its uncommitted row.
    await db.pool.query('CREATE TABLE rollback_probe (n int)');
    const pool = new pg.Pool({ connectionString: db.url, max: 1, query_timeout: 200 });
    pool.on('error', () => undefined);
    try {
      const blocker = await db.pool.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT pg_advisory_xact_lock(4242)');
        await expect(
          withTransaction(pool, async (client) => {
            await client.query('INSERT INTO rollback_probe VALUES (1)');
            await client.query('SELECT pg_advisory_xact_lock(4242)');
          }),
        ).rejects.toThrow('Query read timeout');
      } finally {
        await blocker.query('ROLLBACK');
        blocker.release();
      }
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rollback_probe');
      expect(rows[0].n).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('parses int8, date and timestamptz for its own clients only (pg defaults stay for BullMQ and others)', async () => {
    const sql = `SELECT 42::int8 AS n, '2026-01-02'::date AS d, '2026-01-02 03:04:05+00'::timestamptz AS t`;
    expect((await db.pool.query(sql)).rows[0]).toEqual({ n: 42, d: '2026-01-02', t: '2026-01-02T03:04:05.000Z' });
    const plain = new pg.Client({ connectionString: db.url });
    await plain.connect();
    try {
      const row = (await plain.query(sql)).rows[0] as { n: unknown; t: unknown };
      expect(row.n).toBe('42');
      expect(row.t).toBeInstanceOf(Date);
    } finally {
      await plain.end();
    }
  });

  it('turns a bigint into a number only when the number holds it exactly', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (value) => {
      if (value <= BigInt(Number.MAX_SAFE_INTEGER)) expect(safeInteger(String(value))).toBe(Number(value));
      else expect(() => safeInteger(String(value))).toThrow(RangeError);
    }));
  });
});
