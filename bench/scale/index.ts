import { PROJECTIONS } from '@newsledger/read-models';
import { startReadSide } from '../projections/bench-app.js';
import { catchUp, readAll } from '../projections/catch-up.bench.js';
import { loadLedger } from '../projections/ledger.js';
import { queryCases } from '../projections/queries.bench.js';
import { compare, rate } from '../lib/measure.js';
import { report } from '../lib/report.js';
import { withScratchDatabase } from '../lib/scratch-database.js';

// Log sizes, ascending; the 1M step loads and projects for a long while. BENCH_SCALE_SIZES=10000,100000 for a shorter run.
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const TARGET_COST_GROWTH = 1.5;

/**
 * How cost grows with the log: one database grown to each size in turn, where all projections catch up
 * from the start (against a no-op consumer over the same log) and the lists answer 50 readers.
 */
export async function run(): Promise<void> {
  await withScratchDatabase(async (db) => {
    const rates = new Map<number, number>();
    let copies = 0;
    let head = 0;
    let events = 0;
    for (const size of SIZES) {
      const loaded = await loadLedger(db, size - events, copies);
      copies = loaded.copies;
      head = loaded.head;
      events = Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count);
      const noopRate = () => rate(async () => (await readAll(db, head), events));
      const all = await compare(() => rate(async () => (await catchUp(db, PROJECTIONS, head), events)), noopRate, 1);
      rates.set(size, all.value);
      report({
        bench: 'scale',
        case: `catch-up of all ${PROJECTIONS.length} projections, ${events} events`,
        unit: 'events/s',
        baseline: 'LogConsumer with a no-op handler reading the same events',
        ...all,
      });
      const app = await startReadSide(db);
      try {
        await queryCases(app, { label: `, ${events} events` });
      } finally {
        await app.close();
      }
    }
    // Per-event cost of the catch-up at each size against the size before it.
    for (let i = 1; i < SIZES.length; i++) {
      const [smaller, larger] = [SIZES[i - 1], SIZES[i]];
      report({
        bench: 'scale',
        case: `catch-up cost per event at ${larger} events against ${smaller}`,
        unit: '× the smaller log',
        baseline: `per-event cost at ${smaller} events`,
        value: rates.get(smaller)! / rates.get(larger)!,
        baseline_value: 1,
        details: { target: `≤ ${TARGET_COST_GROWTH}` },
      });
    }
  });
}
