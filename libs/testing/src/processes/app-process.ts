import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT as ROOT } from '@newsledger/platform';
import { freePort } from '@newsledger/platform';

export type AppName = 'api' | 'projector' | 'alert-router' | 'webhook-worker' | 'all';

export interface AppProcessOptions {
  /** Variables on top of a quiet, loopback-only base (no inherited DATABASE_URL/REDIS_URL). */
  env: Record<string, string>;
  /** How long start() and restart() wait for /health/ready. */
  readyTimeoutMs?: number;
}

/**
 * A built app (`node dist/apps/<app>/main.js`, as in production) as a child process of the test, on
 * a free port: started, waited for until /health/ready answers 200, stopped (SIGTERM) or killed
 * (SIGKILL), and started again on the same port. Its stdout and stderr are kept for assertions and
 * failure messages.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly app: AppName,
    readonly port: number,
    private readonly options: AppProcessOptions,
  ) {}

  static async start(app: AppName, options: AppProcessOptions): Promise<AppProcess> {
    const entry = builtEntry(app);
    const started = new AppProcess(app, await freePort(), options);
    await started.start(entry);
    return started;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything the process (and the ones before it, across restarts) wrote. */
  logs(): string {
    return this.output;
  }

  /** The JSON log lines at `level` or above (pino: 40 warn, 50 error, 60 fatal). */
  logRecords(minLevel = 0): Record<string, unknown>[] {
    return this.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return {};
        }
      })
      .filter((record) => typeof record.level === 'number' && record.level >= minLevel);
  }

  async start(entry = builtEntry(this.app)): Promise<void> {
    if (this.child) return;
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output += `--- ${this.app} started (pid ${child.pid}) ---\n`;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      this.output += `--- ${this.app} exited (${signal ?? code}) ---\n`;
      if (this.child === child) this.child = null;
    });
    await this.waitUntilReady(child);
  }

  /** SIGTERM, then SIGKILL if it has not exited within the service's own shutdown deadline. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    await exited;
    clearTimeout(timer);
  }

  /** A crash: SIGKILL, nothing flushed, nothing closed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async restart({ kill = false } = {}): Promise<void> {
    await (kill ? this.kill() : this.stop());
    await this.start();
  }

  /** GET /health/ready: its status and body. */
  async readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.app} exited during start-up:\n${this.output.slice(-3000)}`);
      }
      const ready = await this.readiness().then(
        ({ status }) => status === 200,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`${this.app} was not ready within its deadline:\n${this.output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * The built entry point of `app`. These tests run what production runs, so they need `npm run build`
 * (which `npm install` and CI run first); a missing or stale build fails with that instruction rather
 * than testing old code.
 */
export function builtEntry(app: AppName): string {
  const entry = path.join(ROOT, 'dist/apps', app, 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: these tests run the built apps; run \`npm run build\` first.`);
  const built = statSync(entry).mtimeMs;
  const newer = newestSource(['apps', 'libs'].map((folder) => path.join(ROOT, folder)));
  if (newer && newer.mtimeMs > built) {
    throw new Error(`dist/ is older than ${path.relative(ROOT, newer.file)}: run \`npm run build\` so these tests run the current code.`);
  }
  return entry;
}

const TEST_FILE = /\.(spec|int-spec|e2e-spec|browser)\.ts$/;

/** The most recently changed TypeScript source of the server side (tests, e2e folders and the web app aside). */
function newestSource(folders: string[]): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'e2e', 'web', 'testing'].includes(entry.name)) walk(file);
      } else if (entry.name.endsWith('.ts') && !TEST_FILE.test(entry.name)) {
        const { mtimeMs } = statSync(file);
        if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
      }
    }
  };
  for (const folder of folders) walk(folder);
  return newest;
}
