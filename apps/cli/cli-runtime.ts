import type { INestApplicationContext } from '@nestjs/common';
import { createAppContext, loadConfig, startRuntime, type AppDefinition, type Runtime } from '@newsledger/platform';

/**
 * Runs `work` with the service's modules against DATABASE_URL (or the embedded PostgreSQL under
 * DATA_DIR, which must not be in use by a running `npm start`: talk to that one with --url).
 */
export async function withLedger<T>(
  modules: AppDefinition['modules'],
  work: (context: INestApplicationContext, runtime: Runtime) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, { applicationName: 'newsledger-cli', log: () => undefined });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = config.databaseUrl ? 'Check DATABASE_URL.' : 'Is `npm start` running on the same data? Then use --url and --key.';
    throw new Error(`Cannot open the ledger: ${message}. ${hint}`, { cause: error });
  }
  const context = await createAppContext(runtime, modules);
  try {
    return await work(context, runtime);
  } finally {
    await context.close();
    await runtime.close();
  }
}
