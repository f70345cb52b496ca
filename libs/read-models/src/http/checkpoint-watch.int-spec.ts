import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ConsumerSet, EventStore, holdConsumer, onCheckpointMoved } from '@newsledger/event-store';
import { createPool } from '@newsledger/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@newsledger/testing';
import { setImmediate } from 'node:timers/promises';
import type pg from 'pg';
import { seedEvents } from '../testing/seed-events.js';
import { CheckpointWatch } from './checkpoint-watch.js';

// Longer than any test may take: a wait answered at all was answered by a wake, not by the poll.
const HOUR_MS = 3_600_000;
const quiet = { warn: () => undefined, error: () => undefined };

describe('CheckpointWatch', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let set: ConsumerSet;
  let watch: CheckpointWatch;
  let stopListening: () => void = () => undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 2, applicationName: 'checkpoint-watch-spec' });
  });
  afterEach(async () => {
    stopListening();
    watch?.onModuleDestroy();
    await set?.stop();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('answers a waiting read as soon as a consumer of this process moves past its position', async () => {
    const moved: string[] = [];
    stopListening = onCheckpointMoved((name) => moved.push(name));
    set = new ConsumerSet(db.pool, db.url, { members: [{ name: 'rm_watched', handle: async () => undefined }], idleWaitMs: 50, logger: quiet });
    set.start();
    const checks = jest.spyOn(pool, 'query');
    watch = new CheckpointWatch(pool, HOUR_MS);
    // The consumer's turn, held as another instance's batch would: it cannot move before the read waits.
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holdConsumer(holder, 'rm_watched');
      const { subject, recorded_at: _recordedAt, ...event } = seedEvents()[0];
      const { global_position: position } = (await new EventStore(db.pool).append(subject, [event], 'any')).events[0];
      const answer = watch.positionReaching('rm_watched', position, HOUR_MS);
      // Its first check has answered "not yet" and the read is waiting.
      await eventually(async () => expect(checks).toHaveBeenCalledTimes(1));
      await checks.mock.results[0].value;
      await setImmediate();
      await holder.query('COMMIT');
      expect(await answer).toMatchObject({ reached: true });
      expect(moved).toContain('rm_watched');
    } finally {
      holder.release();
    }
  });

  it('reads the checks asked while a query runs with one query after it, so each reading is taken after its check was asked', async () => {
    await db.pool.query(`INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ('rm_coalesced', '0', 1)`);
    watch = new CheckpointWatch(pool, HOUR_MS);
    const checks = jest.spyOn(pool, 'query');
    checks.mockClear();
    try {
      const first = watch.positionReaching('rm_coalesced', 0, 0);
      await db.pool.query(`UPDATE checkpoints SET global_position = 2 WHERE name = 'rm_coalesced'`);
      const queriesBefore = checks.mock.calls.length;
      const later = await Promise.all(Array.from({ length: 20 }, () => watch.positionReaching('rm_coalesced', 0, 0, ['rm_coalesced'])));
      expect((await first).position).toBeGreaterThanOrEqual(1);
      for (const reading of later) expect(reading).toMatchObject({ position: 2, reached: true, version: expect.stringMatching(/^2\/\d+,2\/\d+$/) });
      // The first asked alone if no query ran when it asked; the 19 others then waited for the next.
      expect(checks.mock.calls.length - queriesBefore).toBeLessThanOrEqual(2);
    } finally {
      checks.mockRestore();
    }
  });
});
