import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, createAppContext, EmbeddedPostgresError, loadConfig, startRuntime, type AppDefinition, type Runtime } from '@newsledger/platform';
import { CliError, describeError } from './cli-error.js';

/**
 * Runs `work` with the service's modules against DATABASE_URL, or the embedded PostgreSQL of
 * DATA_DIR: the one a running `npm start` serves (found through its postmaster.pid), else one
 * started for the command and stopped after it.
 */
export async function withLedger<T>(
  modules: AppDefinition['modules'],
  work: (context: INestApplicationContext, runtime: Runtime) => Promise<T>,
): Promise<T> {
  let runtime: Runtime;
  try {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
    runtime = await startRuntime(config, { applicationName: 'newsledger-cli', log: () => undefined, shareEmbedded: true });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) throw new CliError(error.message);
    const where = process.env.DATABASE_URL ? 'at DATABASE_URL' : `of DATA_DIR (${process.env.DATA_DIR ?? './.data'})`;
    throw new CliError(`Cannot open the ledger ${where}: ${describeError(error)}`);
  }
  let context: INestApplicationContext | undefined;
  try {
    context = await createAppContext(runtime, modules);
    return await work(context, runtime);
  } finally {
    await context?.close();
    await runtime.close();
  }
}
