import { performance } from 'node:perf_hooks';

/** Operations per second of `operation` run back to back by `workers` concurrent loops for `durationMs`. */
export async function throughput(
  operation: (worker: number) => Promise<unknown>,
  { workers, durationMs }: { workers: number; durationMs: number },
): Promise<number> {
  const started = performance.now();
  const until = started + durationMs;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < until) {
        await operation(worker);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** Items per second of one run of `work`, which returns how many items it handled. */
export async function rate(work: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const items = await work();
  return items / ((performance.now() - started) / 1000);
}

export interface Comparison {
  /** Median of the contender's rounds. */
  value: number;
  /** Median of the baseline's rounds. */
  baseline_value: number;
  /** Median of the per-round ratios. */
  ratio: number;
}

/**
 * Measures the contender and the baseline in alternating rounds. Each round's ratio compares two runs
 * taken seconds apart, so load from elsewhere on the machine falls on both sides of it alike; the
 * median of those ratios is the figure.
 */
export async function compare(contender: () => Promise<number>, baseline: () => Promise<number>, rounds: number): Promise<Comparison> {
  const values: number[] = [];
  const baselines: number[] = [];
  for (let round = 0; round < rounds; round++) {
    baselines.push(await baseline());
    values.push(await contender());
  }
  return { value: median(values), baseline_value: median(baselines), ratio: median(values.map((value, i) => value / baselines[i])) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
