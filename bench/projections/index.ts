import { PROJECTIONS } from '@newsledger/read-models';
import { withScratchDatabase } from '../lib/scratch-database.js';
import { startReadSide } from './bench-app.js';
import { catchUp, catchUpCases } from './catch-up.bench.js';
import { freshnessCase } from './freshness.bench.js';
import { loadLedger } from './ledger.js';
import { queryCases } from './queries.bench.js';

// BENCH_PROJECTIONS_CASES=freshness (any of catch-up, freshness, queries) and BENCH_PROJECTIONS_EVENTS=20000 for a quick A/B of one case.
const CASES = new Set((process.env.BENCH_PROJECTIONS_CASES ?? 'catch-up,freshness,queries').split(',').filter(Boolean));
const EVENTS = Number(process.env.BENCH_PROJECTIONS_EVENTS ?? 100_000);

/**
 * The read models over a generated log of 100k events (BENCH_PROJECTIONS_EVENTS): how fast they catch up from the start, how
 * fresh they are under a steady write load, and how fast their lists answer many readers.
 */
export async function run(): Promise<void> {
  await withScratchDatabase(async (db) => {
    const { head, copies } = await loadLedger(db, EVENTS);
    // Leaves every projection caught up with the log, for the cases that follow.
    if (CASES.has('catch-up')) await catchUpCases(db, head);
    else await catchUp(db, PROJECTIONS, head);
    const app = await startReadSide(db);
    try {
      if (CASES.has('freshness')) await freshnessCase(db, app, copies);
      if (CASES.has('queries')) await queryCases(app, { compressed: true });
    } finally {
      await app.close();
    }
  });
}
