import { LogConsumer, whenCaughtUp } from '@newsledger/event-store';
import { PROJECTIONS, Projector, type Projection } from '@newsledger/read-models';
import { compare, rate } from '../lib/measure.js';
import { report } from '../lib/report.js';
import type { ScratchDatabase } from '../lib/scratch-database.js';

const ROUNDS = 2;
const quiet = { warn: () => undefined, error: (details: object, message: string) => console.error(message, details) };
const noop = (name: string): Projection => ({ name, tables: [], handle: async () => undefined });

/**
 * Every projection catching up from the start of the log together (as after `rebuild all`), and the
 * heaviest alone, against a consumer with a no-op handler reading the same events.
 */
export async function catchUpCases(db: ScratchDatabase, head: number): Promise<void> {
  const events = Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count);
  const noopRate = () => rate(async () => (await readAll(db, head), events));
  // Six consumers that only read: what reading the log once per projection costs on this machine.
  const sixNoops = Array.from({ length: PROJECTIONS.length }, (_, i) => noop(`bench-noop-${i}`));
  const readingOnly = await compare(() => rate(async () => (await catchUp(db, sixNoops, head), events)), noopRate, 1);
  const baseline = `LogConsumer with a no-op handler reading the same ${events} events`;
  const all = await compare(() => rate(async () => (await catchUp(db, PROJECTIONS, head), events)), noopRate, ROUNDS);
  report({
    bench: 'projections',
    case: `catch-up of all ${PROJECTIONS.length} projections together`,
    unit: 'events/s',
    baseline,
    ...all,
    target_ratio: 0.3,
    details: { [`ratio_of_${PROJECTIONS.length}_no_op_consumers_together`]: Math.round(readingOnly.ratio * 100) / 100 },
  });
  // The heaviest is the slowest alone: the order in which they finish together says little, since
  // they run at once and the first to finish leaves the machine to the others.
  const eachAlone: Record<string, number> = {};
  for (const projection of PROJECTIONS) eachAlone[projection.name] = Math.round(await rate(async () => (await catchUp(db, [projection], head), events)));
  const heaviest = PROJECTIONS.reduce((slowest, p) => (eachAlone[p.name] < eachAlone[slowest.name] ? p : slowest));
  const alone = await compare(() => rate(async () => (await catchUp(db, [heaviest], head), events)), noopRate, ROUNDS);
  report({
    bench: 'projections',
    case: `catch-up of the heaviest alone (${heaviest.name})`,
    unit: 'events/s',
    baseline,
    ...alone,
    target_ratio: 0.5,
    details: { each_alone_events_per_s: eachAlone },
  });
}

// At least 500 events/s: the 1M step of the scale bench needs longer than a fixed five minutes.
const catchUpTimeoutMs = (head: number) => Math.max(300_000, head * 2);

/**
 * A LogConsumer with a no-op handler reading the whole log from the start: the baseline. It commits
 * each batch as any consumer does, waiting for the flush (the projector's set does not).
 */
export async function readAll(db: ScratchDatabase, head: number): Promise<void> {
  await db.pool.query(`DELETE FROM checkpoints WHERE name = 'bench-noop'`);
  const consumer = new LogConsumer(db.pool, db.url, { name: 'bench-noop', handle: async () => undefined, logger: quiet });
  consumer.start();
  try {
    await whenCaughtUp(db.pool, 'bench-noop', head, { timeoutMs: catchUpTimeoutMs(head) });
  } finally {
    await consumer.stop();
  }
}

/** Projects the whole log into empty tables from the start. */
export async function catchUp(db: ScratchDatabase, projections: readonly Projection[], head: number): Promise<void> {
  const tables = projections.flatMap((p) => p.tables);
  if (tables.length > 0) await db.pool.query(`TRUNCATE ${tables.join(', ')}`);
  await db.pool.query('DELETE FROM checkpoints WHERE name = ANY ($1)', [projections.map((p) => p.name)]);
  const projector = new Projector(db.pool, db.url, { projections, logger: quiet });
  projector.start();
  try {
    await Promise.all(projections.map(({ name }) => whenCaughtUp(db.pool, name, head, { timeoutMs: catchUpTimeoutMs(head) })));
  } finally {
    await projector.stop();
  }
}
