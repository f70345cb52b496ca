import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { CommitNotifier } from './commit-notifier.js';

/** A pool that records each NOTIFY sent and answers it when told to. */
function recordingPool() {
  const answers: Array<() => void> = [];
  const pool = { query: () => new Promise<void>((resolve) => answers.push(resolve)) };
  return { pool: pool as unknown as pg.Pool, answers };
}

describe('CommitNotifier', () => {
  it("covers a lone writer's next append with the NOTIFY at the interval's end, not one of its own", async () => {
    const { pool, answers } = recordingPool();
    // An interval far longer than the steps below take on a loaded machine (the default 10 ms was not).
    const notifier = new CommitNotifier(pool, 1_000);
    notifier.committed();
    expect(answers).toHaveLength(1);
    answers[0]();
    await nextTurn();
    // The next append commits after the first NOTIFY has returned, nothing having been pending meanwhile.
    notifier.committed();
    await nextTurn();
    expect(answers).toHaveLength(1);
    // It is still followed by a NOTIFY sent after its commit.
    while (answers.length < 2) await nextTurn();
    answers[1]();
  });
});
