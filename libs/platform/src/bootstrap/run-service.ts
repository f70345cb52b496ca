import { ConfigError, loadConfig } from '../config/load-config.js';
import { bootstrapAdminKey, createHttpApp, type AppDefinition } from './http-app.js';
import { startRuntime, type Runtime } from './runtime.js';

const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * The entry point of every app: parse config, start (or reach) PostgreSQL and migrate,
 * serve HTTP, and on SIGINT/SIGTERM close the app, then the pool, then embedded PostgreSQL.
 * Console output here is the operator's interface at start-up, before and beside the JSON logs.
 */
export async function runService(name: string, definition: AppDefinition): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let runtime: Runtime;
  try {
    const config = loadConfig();
    runtime = await startRuntime(config, { applicationName: `newsledger-${name}`, log: () => undefined });
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : startupFailure(error)}\n`);
    process.exit(1);
  }

  const app = await createHttpApp(runtime, definition);
  const { port, host } = runtime.config;
  await app.listen({ port, host });
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const generatedKey = await bootstrapAdminKey(app, runtime);

  say(`Newsledger ${name} is running`);
  say(`  API:      ${base}/v1`);
  say(`  Docs:     ${base}/docs`);
  say(`  Health:   ${base}/health/ready`);
  say(`  Database: ${runtime.embedded ? `embedded PostgreSQL (data in ${runtime.config.dataDir}/pg)` : 'DATABASE_URL'}`);
  say(`  Queue:    BullMQ on ${runtime.queue.kind === 'postgres' ? 'PostgreSQL' : runtime.config.redisClusterNodes ? 'Redis Cluster (REDIS_CLUSTER_NODES)' : 'Redis (REDIS_URL)'}`);
  if (generatedKey) {
    say(`  Admin API key (shown once, store it now): ${generatedKey}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, shutting down`);
    const deadline = setTimeout(() => {
      process.stderr.write('shutdown took too long; exiting\n');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function startupFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|ENOTFOUND|password authentication|does not exist|getaddrinfo/i.test(message)) {
    return `Cannot reach PostgreSQL at DATABASE_URL: ${message}`;
  }
  return `Start-up failed: ${message}`;
}
