import { withScratchDatabase } from '../lib/scratch-database.js';
import { startReadSide } from './bench-app.js';
import { catchUpCases } from './catch-up.bench.js';
import { freshnessCase } from './freshness.bench.js';
import { loadLedger } from './ledger.js';
import { queryCases } from './queries.bench.js';

const EVENTS = 100_000;

/**
 * The read models over a generated log of 100k events: how fast they catch up from the start, how
 * fresh they are under a steady write load, and how fast their lists answer many readers.
 */
export async function run(): Promise<void> {
  await withScratchDatabase(async (db) => {
    const { head, copies } = await loadLedger(db, EVENTS);
    // Leaves every projection caught up with the log, for the cases that follow.
    await catchUpCases(db, head);
    const app = await startReadSide(db);
    try {
      await freshnessCase(db, app, copies);
      await queryCases(app);
    } finally {
      await app.close();
    }
  });
}
