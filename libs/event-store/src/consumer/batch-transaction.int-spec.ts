import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import type pg from 'pg';
import { advanceAndCommit, beginTurn } from './batch-transaction.js';
import { ensureCheckpoint, isCheckpointMoved, readCheckpoint } from './checkpoints.js';
import { holdConsumer } from './consumer-turn.js';

const AT_START = { transaction_id: '0', global_position: 0 };
const LATER = { transaction_id: '7', global_position: 5 };

describe('a batch transaction opened and committed in one round trip each', () => {
  let db: TestDatabase;
  const clients: pg.PoolClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query('CREATE TABLE written (note text NOT NULL)');
  });
  beforeEach(async () => {
    await db.pool.query(`TRUNCATE written, checkpoints`);
    // A name that must be quoted as a literal.
    await ensureCheckpoint(db.pool, "o'brien");
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) {
      await client.query('ROLLBACK');
      client.release();
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  async function connect(): Promise<pg.PoolClient> {
    const client = await db.pool.connect();
    clients.push(client);
    return client;
  }

  it('opens with the settings, the turn and the checkpoint, and answers null while another transaction has the turn', async () => {
    const client = await connect();
    expect(await beginTurn(client, "o'brien", ['SET LOCAL jit = off'])).toEqual({ checkpoint: AT_START });
    expect((await client.query('SHOW jit')).rows[0].jit).toBe('off');
    const other = await connect();
    expect(await beginTurn(other, "o'brien", [])).toBeNull();
    expect(await beginTurn(other, 'never-ran', [])).toEqual({ checkpoint: null });
  });

  it("commits the batch's writes with the checkpoint move", async () => {
    const client = await connect();
    await beginTurn(client, "o'brien", []);
    await client.query(`INSERT INTO written VALUES ('batch')`);
    await advanceAndCommit(client, "o'brien", AT_START, LATER);
    expect((await db.pool.query('SELECT note FROM written')).rows).toEqual([{ note: 'batch' }]);
    expect(await readCheckpoint(db.pool, "o'brien")).toEqual(LATER);
  });

  it("does not commit the batch's writes when the checkpoint is no longer where the batch started", async () => {
    const client = await connect();
    await beginTurn(client, "o'brien", []);
    await client.query(`INSERT INTO written VALUES ('lost batch')`);
    const failure = await advanceAndCommit(client, "o'brien", LATER, { transaction_id: '9', global_position: 8 }).catch((error: unknown) => error);
    expect(isCheckpointMoved(failure)).toBe(true);
    await client.query('ROLLBACK');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM written')).rows[0].n).toBe(0);
    expect(await readCheckpoint(db.pool, "o'brien")).toEqual(AT_START);
  });

  it('reads the checkpoint after taking the turn, as the holder of the turn left it', async () => {
    const holder = await connect();
    await holder.query('BEGIN');
    await holdConsumer(holder, "o'brien");
    const waiting = await connect();
    // Not taken while held; taken once the holder has moved the checkpoint and committed.
    expect(await beginTurn(waiting, "o'brien", [])).toBeNull();
    await waiting.query('ROLLBACK');
    await advanceAndCommit(holder, "o'brien", AT_START, LATER);
    expect(await beginTurn(waiting, "o'brien", [])).toEqual({ checkpoint: LATER });
  });
});
