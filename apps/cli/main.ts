import 'reflect-metadata';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { describeError } from './cli-error.js';

// Each command's code is imported when the command runs: what the commands share (Nest, pg, BullMQ,
// the embedded server) takes seconds to load, and `--help` or a wrong argument needs none of it.
const importing = () => import('./commands/import.command.js');
const keyCommands = () => import('./commands/keys.command.js');

// `newsledger status | head`: the reader left; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
}

const wholeNumber = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number.');
  return n;
};
const positiveNumber = (value: string) => {
  const n = wholeNumber(value);
  if (n < 1) throw new InvalidArgumentError('expected a number of at least 1.');
  return n;
};

const program = new Command('newsledger')
  .description(
    'Newsledger: the event ledger from the command line. Beside a running `npm start` it uses the same embedded database; --url/--key go through a running service instead.',
  )
  .showHelpAfterError()
  .exitOverride();
let exitCode = 0;
const run =
  <A extends unknown[]>(work: (...args: A) => Promise<number>) =>
  async (...args: A) => {
    exitCode = await work(...args);
  };
const remote = (command: Command, scope: string) =>
  command
    .option('--url <url>', 'go through a running service (e.g. http://localhost:3000) instead of the database')
    .option('--key <key>', `API key for --url (${scope} scope)`);

program
  .command('migrate')
  .description('apply the database migrations and exit')
  .action(run(async () => (await import('./cli-runtime.js')).withLedger([], async () => 0)));

remote(program.command('import <file>'), 'events:write; admin keeps recorded_at')
  .description('import events from a JSON-lines file (one POST /v1/events body per line); resumable')
  .option('--batch-size <n>', 'events per all-or-nothing chunk', positiveNumber, 500)
  .action(run(async (file: string, options) => (await importing()).importCommand(file, options)));

remote(program.command('seed'), 'events:write')
  .description('load the seed fixture (the CNN analysis of China’s AI industry)')
  .action(
    run(async (options) => {
      const { PROJECT_ROOT } = await import('@newsledger/platform');
      return (await importing()).importCommand(path.join(PROJECT_ROOT, 'data/seed-article.jsonl'), { ...options, batchSize: 500 });
    }),
  );

program
  .command('export')
  .description('write the log as JSON lines that `import` takes back')
  .option('--after <position>', 'only events after this global position', wholeNumber)
  .option('--out <file>', 'write to a file instead of stdout')
  .action(run(async (options) => (await import('./commands/export.command.js')).exportCommand(options)));

remote(program.command('rebuild <projection>'), 'admin')
  .description('rebuild a read model (or all) beside the live one and swap it in once caught up; resumable')
  .action(run(async (projection: string, options) => (await import('./commands/rebuild.command.js')).rebuildCommand(projection, options)));

const keys = program.command('keys').description('API keys');
remote(keys.command('create'), 'admin')
  .description('create a key (printed once)')
  .requiredOption('--scopes <scopes>', 'comma-separated: events:write, read, subscriptions:write, admin')
  .option('--name <name>', 'a label for the key', 'cli')
  .action(run(async (options) => (await keyCommands()).createKeyCommand(options)));
remote(keys.command('list'), 'admin')
  .description('the active keys: id, created, name, scopes')
  .action(run(async (options) => (await keyCommands()).listKeysCommand(options)));
remote(keys.command('revoke <id>'), 'admin')
  .description('revoke a key by id (it stops working everywhere within 5 s)')
  .action(run(async (id: string, options) => (await keyCommands()).revokeKeyCommand(id, options)));

remote(program.command('replay <subscription-id>'), 'subscriptions:write')
  .description(
    're-deliver past events to a subscription (original webhook ids, data.replay: true); needs --since, --from-position or --all',
  )
  .option('--since <when>', 'events recorded at or after this date (2026-01-15) or ISO timestamp')
  .option('--until <when>', 'events recorded before this date or ISO timestamp')
  .option('--from-position <n>', 'events after this global position', positiveNumber)
  .option('--all', 'the whole history')
  .option('--event-types <types>', 'comma-separated types or wildcards, e.g. acquisition.*')
  .action(run(async (id: string, options) => (await import('./commands/replay.command.js')).replayCommand(id, options)));

program
  .command('status')
  .description('log head and consumer positions')
  .action(run(async () => (await import('./commands/status.command.js')).statusCommand()));

try {
  await program.parseAsync();
  process.exit(exitCode);
} catch (error) {
  // Commander has already printed its own one-line message (and the help) for usage errors.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  process.stderr.write(`${describeError(error)}\n`);
  process.exit((error as { exitCode?: number }).exitCode ?? 1);
}
