import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const RESULTS = fileURLToPath(new URL('../test-results', import.meta.url));
export const ADMIN_KEY = 'nlk_browser-tests-admin-key-0123456789';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

/**
 * The built all-in-one (`node dist/apps/all/main.js`, what `npm start` runs) on a PostgreSQL of
 * its own. The queue runs on BullMQ's PostgreSQL backend there, so no job can reach another
 * process sharing a Redis.
 */
export async function startService(name = 'service'): Promise<RunningService> {
  const entry = path.join(ROOT, 'dist/apps/all/main.js');
  if (!existsSync(entry) || !existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new Error('The browser tests run the built service and workspace: run `npm run build` first.');
  }
  const database = await freshDatabase();
  const port = await freePort();
  mkdirSync(RESULTS, { recursive: true });
  const logFile = path.join(RESULTS, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...database.env,
      REDIS_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_API_KEY: ADMIN_KEY,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '1s,2s',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    log.end();
    await database.drop();
  };
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stop();
    const tail = readFileSync(logFile, 'utf8').slice(-2000);
    throw new Error(`${(error as Error).message}\n--- service log ---\n${tail}`, { cause: error });
  }
  return { url, stop };
}

/**
 * An embedded PostgreSQL cluster of its own under a temporary DATA_DIR, exactly as `npm start`
 * runs without DATABASE_URL. A database on a shared server would not do: the log is read below
 * the snapshot horizon of the whole cluster, so other work's transactions there would delay the
 * live timeline by seconds.
 */
async function freshDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsledger-browser-'));
  // Started by root, PostgreSQL runs as the postgres system user, which must be able to enter the folder.
  await chmod(dataDir, 0o777);
  return { env: { DATABASE_URL: '', DATA_DIR: dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The service exited with code ${child.exitCode} during start-up.`);
    // Ready, and the admin key admitted (the service admits ADMIN_API_KEY just after it starts listening).
    const ready = await fetch(`${url}/v1/api-keys/current`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The service was not ready within 90 s.');
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
  await exited;
  clearTimeout(timer);
}

async function postJson(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body });
}

/**
 * Loads a fixture of `data/` into the service as the admin: one request per event (each gets its
 * own recorded_at, so "known at" can fall between two of them), or in one batch, which keeps the
 * recorded_at its lines carry.
 */
export async function loadFixture(service: RunningService, file: string, { batch }: { batch: boolean }): Promise<void> {
  const lines = readFileSync(path.join(ROOT, 'data', file), 'utf8')
    .split('\n')
    .filter(Boolean);
  if (batch) {
    const response = await postJson(`${service.url}/v1/events/batch`, `{"events":[${lines.join(',')}]}`);
    if (response.status !== 201) throw new Error(`${file}: ${response.status} ${await response.text()}`);
    return;
  }
  for (const [index, line] of lines.entries()) {
    const response = await postJson(`${service.url}/v1/events`, line);
    if (response.status !== 201) throw new Error(`${file} line ${index + 1}: ${response.status} ${await response.text()}`);
  }
}

/** A new API key with these scopes. */
export async function createKey(service: RunningService, name: string, scopes: string[]): Promise<string> {
  const response = await postJson(`${service.url}/v1/api-keys`, JSON.stringify({ name, scopes }));
  if (response.status !== 201) throw new Error(`creating a key: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}
