import { withScratchDatabase } from '../lib/scratch-database.js';
import { appendCases } from './append.bench.js';
import { consumerCase } from './consumer.bench.js';

/** The event store against raw PostgreSQL on the same server, each case in a database of its own. */
export async function run(): Promise<void> {
  await withScratchDatabase(appendCases);
  await withScratchDatabase(consumerCase);
}
