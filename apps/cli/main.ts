import 'reflect-metadata';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { PROJECT_ROOT } from '@newsledger/platform';
import { withLedger } from './cli-runtime.js';
import { exportCommand } from './commands/export.command.js';
import { importCommand } from './commands/import.command.js';
import { createKeyCommand } from './commands/keys.command.js';
import { rebuildCommand } from './commands/rebuild.command.js';
import { replayCommand } from './commands/replay.command.js';
import { statusCommand } from './commands/status.command.js';

const SEED_FILE = path.join(PROJECT_ROOT, 'data/seed-article.jsonl');

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
};

const program = new Command('newsledger').description('Newsledger: the event ledger from the command line').showHelpAfterError();
let exitCode = 0;
const run = (work: () => Promise<number>) => async () => {
  exitCode = await work();
};

program
  .command('migrate')
  .description('apply the database migrations and exit')
  .action(run(() => withLedger([], async () => 0)));

program
  .command('import <file>')
  .description('import events from a JSON-lines file (one POST /v1/events body per line); resumable')
  .option('--url <url>', 'send to a running service instead of DATABASE_URL')
  .option('--key <key>', 'API key for --url')
  .option('--batch-size <n>', 'events per all-or-nothing chunk', positiveInt, 500)
  .action((file: string, options) => run(() => importCommand(file, options))());

program
  .command('seed')
  .description('load the seed fixture (the CNN analysis of China’s AI industry)')
  .option('--url <url>', 'send to a running service instead of DATABASE_URL')
  .option('--key <key>', 'API key for --url')
  .action((options) => run(() => importCommand(SEED_FILE, { ...options, batchSize: 500 }))());

program
  .command('export')
  .description('write the log as JSON lines that `import` takes back')
  .option('--after <position>', 'only events after this global position', positiveInt)
  .option('--out <file>', 'write to a file instead of stdout')
  .action((options) => run(() => exportCommand(options))());

program
  .command('rebuild <projection>')
  .description('rebuild a read model (or all) beside the live one and swap it in once caught up; resumable')
  .option('--url <url>', 'ask a running service instead of DATABASE_URL')
  .option('--key <key>', 'admin API key for --url')
  .action((projection: string, options) => run(() => rebuildCommand(projection, options))());

program
  .command('keys')
  .description('API keys')
  .command('create')
  .requiredOption('--scopes <scopes>', 'comma-separated: events:write, read, subscriptions:write, admin')
  .option('--name <name>', 'a label for the key', 'cli')
  .action((options) => run(() => createKeyCommand(options))());

program
  .command('replay <subscription-id>')
  .description('re-deliver past events to a subscription (original webhook ids, data.replay: true)')
  .option('--since <timestamp>', 'events recorded at or after this ISO timestamp')
  .option('--until <timestamp>', 'events recorded before this ISO timestamp')
  .option('--from-position <n>', 'events after this global position', positiveInt)
  .option('--event-types <types>', 'comma-separated types or wildcards, e.g. acquisition.*')
  .action((id: string, options) => run(() => replayCommand(id, options))());

program.command('status').description('log head and consumer positions').action(run(statusCommand));

try {
  await program.parseAsync();
  process.exit(exitCode);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
