import { redisQueueBackend } from '@newsledger/platform';
import { withScratchDatabase } from '../lib/scratch-database.js';
import { latencyCase } from './latency.bench.js';
import { Pipeline, type Backend } from './pipeline.js';
import { throughputCase } from './throughput.bench.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
// BENCH_ALERTS_BACKENDS=postgres (or redis) runs one backend only, to compare a change on it quickly.
const ONLY = process.env.BENCH_ALERTS_BACKENDS?.split(',').filter(Boolean);

/** Webhook delivery on each queue backend: throughput against raw undici POSTs, and end-to-end latency. */
export async function run(): Promise<void> {
  const backends: Backend[] = (await redisAnswers(REDIS_URL)) ? ['redis', 'postgres'] : ['postgres'];
  if (!backends.includes('redis')) process.stderr.write(`Redis does not answer at ${REDIS_URL}: the Redis cases are skipped.\n`);
  for (const backend of backends.filter((b) => !ONLY || ONLY.includes(b))) {
    await withScratchDatabase(async (db) => {
      const pipeline = await Pipeline.start(db, backend, REDIS_URL);
      try {
        await throughputCase(pipeline, backend, 1);
        await throughputCase(pipeline, backend, 100);
        await latencyCase(pipeline, backend);
      } finally {
        await pipeline.close();
      }
    });
  }
}

/** Whether Redis answers, through the same probe the readiness check uses. */
async function redisAnswers(url: string): Promise<boolean> {
  const backend = redisQueueBackend({ url });
  try {
    await backend.ping();
    return true;
  } catch {
    return false;
  } finally {
    await backend.close();
  }
}
