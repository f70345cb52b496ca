import { execFileSync } from 'node:child_process';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readPostmasterPid } from '@newsledger/platform';
import { BUILT_SERVICE_ADMIN_KEY, startBuiltService, temporaryDataDir, type BuiltService } from '@newsledger/testing';

// Each round is a full start (embedded PostgreSQL, migrations checked, every app) and stop. The suite
// runs a few of each; `LIFECYCLE_ROUNDS=10 npm test -- apps/all/lifecycle` runs the full 10 + 10.
const ROUNDS = Number(process.env.LIFECYCLE_ROUNDS ?? 2);
// README promises a stop within 10 s.
const STOP_DEADLINE_MS = 10_000;
const UNHANDLED = /Unhandled|uncaught|\n\s+at .+:\d+:\d+|shutdown took longer|failed:/i;

/** Opens /v1/events/live and waits for its first bytes: a client the shutdown must not wait for. */
async function openLiveStream(service: BuiltService): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(`${service.url}/v1/events/live`, { headers: { authorization: `Bearer ${BUILT_SERVICE_ADMIN_KEY}` }, signal: abort.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
  // Keep reading so the stream's end does not surface as an unhandled rejection in the test.
  void (async () => {
    for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return;
  })();
  return abort;
}

function postgresProcessesOf(dataDir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(dataDir) && /postgres/.test(line));
}

describe('npm start: start and stop', () => {
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  let service: BuiltService | undefined;

  beforeAll(async () => {
    data = await temporaryDataDir('newsledger-lifecycle-');
  });
  afterAll(async () => {
    await service?.kill();
    // A failed round may leave its PostgreSQL behind (it runs in a group of its own).
    const left = await readPostmasterPid(`${data.dir}/pg`);
    if (left) process.kill(left.pid, 'SIGQUIT');
    await data.remove();
  });

  // Ctrl-C in a terminal signals the whole foreground process group; a supervisor sends SIGTERM to the process.
  const stops: [string, (service: BuiltService) => void][] = [
    ['SIGINT to the process group (Ctrl-C)', (running) => process.kill(-running.child.pid!, 'SIGINT')],
    ['SIGTERM to the process', (running) => running.child.kill('SIGTERM')],
  ];

  it.each(stops)(`stops cleanly on %s, ${ROUNDS} times, with a live SSE client, and restarts`, async (_name, sendStop) => {
    for (let round = 1; round <= ROUNDS; round++) {
      service = await startBuiltService(data.dir);
      const live = await openLiveStream(service);
      sendStop(service);
      const code = await service.exited(STOP_DEADLINE_MS).catch(async (error: unknown) => {
        await service?.kill();
        throw error;
      });
      live.abort();
      const stopped = service;
      service = undefined;
      expect({ round, code, output: stopped.output().match(UNHANDLED) ? stopped.output() : 'clean' }).toEqual({ round, code: 0, output: 'clean' });
      expect(await readPostmasterPid(`${data.dir}/pg`)).toBeNull();
      expect(postgresProcessesOf(data.dir)).toEqual([]);
    }
  }, 600_000);

  // PostgreSQL refuses root, so root runs it as the `postgres` user, which cannot enter a 0700 folder:
  // the cluster then lives where that user reaches it, and DATA_DIR/pg links to it.
  const asRoot = process.getuid?.() === 0 ? it : it.skip; // the case exists only for root
  asRoot('as root in a private (0700) directory, starts, keeps its data through a restart, and stops cleanly', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-private-'));
    let cluster: string | null = null;
    try {
      for (let round = 1; round <= 2; round++) {
        service = await startBuiltService(dir);
        cluster = await realpath(path.join(dir, 'pg'));
        expect(cluster.startsWith(dir)).toBe(false);
        const keys = await fetch(`${service.url}/v1/api-keys/current`, { headers: { authorization: `Bearer ${BUILT_SERVICE_ADMIN_KEY}` } });
        expect(keys.status).toBe(200);
        service.child.kill('SIGTERM');
        const stopped = service;
        service = undefined;
        expect({ round, code: await stopped.exited(STOP_DEADLINE_MS) }).toEqual({ round, code: 0 });
        expect(postgresProcessesOf(cluster)).toEqual([]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      if (cluster) await rm(path.dirname(cluster), { recursive: true, force: true });
    }
  }, 120_000);
});
