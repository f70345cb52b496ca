import { PROJECTIONS } from '@newsledger/read-models';
import { withScratchDatabase } from '../lib/scratch-database.js';
import { startReadSide } from '../projections/bench-app.js';
import { catchUp } from '../projections/catch-up.bench.js';
import { loadLedger } from '../projections/ledger.js';
import { queryCases } from '../projections/queries.bench.js';
import { printListPlans } from './list-plans.js';

// BENCH_LIST_EVENTS=10000 for a quick look (BENCH_LIST_PLANS=1 prints the plans); the projections bench measures the same lists at 100k.
const EVENTS = Number(process.env.BENCH_LIST_EVENTS ?? 100_000);

/**
 * Only the list cases of the projections bench: the log projected once (not timed), then the lists
 * under 50 readers. For working on list latency without the catch-up and freshness cases around it.
 */
export async function run(): Promise<void> {
  await withScratchDatabase(async (db) => {
    const { head } = await loadLedger(db, EVENTS);
    await catchUp(db, PROJECTIONS, head);
    // BENCH_LIST_PLANS=1: print each list query's plan on stderr first (see docs/capacity.md).
    if (process.env.BENCH_LIST_PLANS) await printListPlans(db.pool);
    const app = await startReadSide(db);
    try {
      await queryCases(app, { compressed: true });
    } finally {
      await app.close();
    }
  });
}
