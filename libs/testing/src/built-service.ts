import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, PROJECT_ROOT, readPostmasterPid } from '@newsledger/platform';
import { eventually } from './eventually.js';

export const BUILT_SERVICE_ADMIN_KEY = 'nlk_built-service-admin-key-0123456789';

/** A DATA_DIR of its own; started by root, the `postgres` user must be able to enter it (mkdtemp makes it 0700). */
export async function temporaryDataDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface BuiltService {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code, or rejects when it has not exited within `timeoutMs`. */
  exited(timeoutMs: number): Promise<number | null>;
  /** SIGKILLs the whole group if still running, and then its PostgreSQL, which runs in a group of its own (test clean-up only). */
  kill(): Promise<void>;
}

/**
 * `npm start` as a user runs it: the built all-in-one (dist/) with an embedded PostgreSQL under
 * `dataDir`, in a process group of its own (as a terminal's foreground job is), so a test can
 * send SIGINT to the group as Ctrl-C does. Resolves once it answers with the admin key admitted.
 */
export async function startBuiltService(dataDir: string, env: Record<string, string> = {}): Promise<BuiltService> {
  const entry = path.join(PROJECT_ROOT, 'dist/apps/all/main.js');
  if (!existsSync(entry)) throw new Error('This test runs the built service: run `npm run build` first.');
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: PROJECT_ROOT,
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_API_KEY: BUILT_SERVICE_ADMIN_KEY,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const service: BuiltService = {
    url,
    child,
    output: () => output,
    exited: (timeoutMs) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms:\n${output}`)), timeoutMs).unref(),
        ),
      ]),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      await exit;
      const postmaster = await readPostmasterPid(path.join(dataDir, 'pg'));
      if (postmaster) process.kill(postmaster.pid, 'SIGQUIT');
    },
  };
  try {
    const failedStart = exit.then((code) => {
      throw new Error(`the service exited with ${code} during start-up:\n${output}`);
    });
    failedStart.catch(() => undefined);
    await Promise.race([
      failedStart,
      eventually(
        async () => {
          if (child.exitCode !== null || child.signalCode !== null) return; // failedStart reports it
          // Ready, and the admin key admitted (the service admits ADMIN_API_KEY just after it starts listening).
          const response = await fetch(`${url}/v1/api-keys/current`, { headers: { authorization: `Bearer ${BUILT_SERVICE_ADMIN_KEY}` } });
          if (!response.ok) throw new Error(`not ready: ${response.status}`);
        },
        { timeoutMs: 90_000, intervalMs: 100 },
      ),
    ]);
  } catch (error) {
    await service.kill();
    throw error;
  }
  return service;
}
