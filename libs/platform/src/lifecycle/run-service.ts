import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bootstrapAdminKey, createHttpApp, type AppDefinition } from '../bootstrap/http-app.js';
import { startRuntime, type Runtime } from '../bootstrap/runtime.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { EmbeddedPostgresError } from '../database/embedded-postgres.js';
import { Lifecycle, StopRequested } from './lifecycle.js';
import { LiveStreams } from './live-streams.js';

// Below the 10 s that README promises for a stop.
const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * The entry point of every app: parse config, start (or reach) PostgreSQL and migrate, serve HTTP.
 * SIGINT/SIGTERM close, in order: HTTP (live streams ended, open connections dropped), the app's
 * consumers and queues, the pool, and embedded PostgreSQL last; then the process exits 0.
 * Console output here is the operator's interface at start-up, before and beside the JSON logs.
 */
export async function runService(name: string, definition: AppDefinition): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const lifecycle = new Lifecycle({ deadlineMs: SHUTDOWN_DEADLINE_MS, say }).installSignalHandlers();
  try {
    const config = loadConfig();
    const runtime = await lifecycle.start(
      'runtime',
      () => startRuntime(config, { applicationName: `newsledger-${name}`, log: () => undefined }),
      (started) => started.close(),
    );
    const app = await lifecycle.start('app', () => createHttpApp(runtime, definition), (created) => created.close());
    await lifecycle.start('http', () => listen(app, runtime), () => closeHttp(app));
    const generatedKey = await bootstrapAdminKey(app, runtime);
    announce(say, name, runtime, generatedKey);
  } catch (error) {
    if (error instanceof StopRequested) return;
    process.stderr.write(`${startupFailure(error)}\n`);
    await lifecycle.stop('start-up failed', 1);
  }
}

async function listen(app: NestFastifyApplication, runtime: Runtime): Promise<void> {
  await app.listen({ port: runtime.config.port, host: runtime.config.host });
}

/** Stops accepting, ends the hijacked live streams and drops idle and open connections (forceCloseConnections). */
async function closeHttp(app: NestFastifyApplication): Promise<void> {
  const closing = app.getHttpAdapter().getInstance().close();
  app.get(LiveStreams).endAll();
  await closing;
}

function announce(say: (line: string) => void, name: string, runtime: Runtime, generatedKey: string | null): void {
  const { port, host } = runtime.config;
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  say(`Newsledger ${name} is running`);
  say(`  API:      ${base}/v1`);
  say(`  Docs:     ${base}/docs`);
  say(`  Health:   ${base}/health/ready`);
  say(`  Database: ${runtime.embedded ? `embedded PostgreSQL (data in ${runtime.config.dataDir}/pg)` : 'DATABASE_URL'}`);
  say(`  Queue:    BullMQ on ${runtime.queue.kind === 'postgres' ? 'PostgreSQL' : runtime.config.redisClusterNodes ? 'Redis Cluster (REDIS_CLUSTER_NODES)' : 'Redis (REDIS_URL)'}`);
  if (generatedKey) say(`  Admin API key (shown once, store it now): ${generatedKey}`);
}

function startupFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|ENOTFOUND|password authentication|does not exist|getaddrinfo/i.test(message)) {
    return `Cannot reach PostgreSQL at DATABASE_URL: ${message}`;
  }
  if (/EADDRINUSE/.test(message)) return `Port ${process.env.PORT ?? 3000} is in use: stop what listens there or set PORT.`;
  return `Start-up failed: ${message}`;
}
