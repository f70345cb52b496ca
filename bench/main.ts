import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@newsledger/platform';
import { reported } from './lib/report.js';
import { machine, resultsTable } from './lib/results-table.js';

// `npm run bench -- <name>` runs bench/<name>/index.ts, which prints one JSON line per case;
// `npm run bench` runs every bench below and writes the table of all cases to bench/RESULTS.md.
const ALL = ['event-store', 'ingest', 'projections', 'alerts', 'peers', 'scale'];

const name = process.argv[2];
if (name !== undefined && !/^[\w-]+$/.test(name)) {
  process.stderr.write(`usage: npm run bench [-- <name>]   (a folder of bench/: ${ALL.join(', ')}; none: all, into bench/RESULTS.md)\n`);
  process.exit(2);
}
const started = new Date();
const loadBefore = loadavg();
for (const bench of name ? [name] : ALL) {
  const module = (await import(`./${bench}/index.js`)) as { run(): Promise<void> };
  await module.run();
}
if (!name) {
  const file = path.join(PROJECT_ROOT, 'bench', 'RESULTS.md');
  await writeFile(file, resultsTable(reported, { started, machine: machine(loadBefore) }));
  process.stderr.write(`results written to ${file}\n`);
}
