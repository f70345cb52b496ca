import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '@newsledger/platform';
import { BUILT_SERVICE_ADMIN_KEY, startBuiltService, temporaryDataDir, type BuiltService } from '@newsledger/testing';

const CLI = path.join(PROJECT_ROOT, 'dist/apps/cli/main.js');
const UUID = '00000000-0000-4000-8000-000000000000';
// Each test starts the CLI several times, a Node process each: on a loaded machine that alone can take 30 s.
const SEVERAL_RUNS_MS = 120_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Every command with `npm start` running on the same DATA_DIR: the CLI finds its embedded PostgreSQL.
describe('newsledger CLI beside a running service', () => {
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  let service: BuiltService;
  const cli = (args: string[], { shell }: { shell?: string } = {}): Promise<Run> =>
    new Promise((resolve) => {
      const env = { ...process.env, DATA_DIR: data.dir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' };
      const [file, argv] = shell ? ['sh', ['-c', `"${process.execPath}" "${CLI}" ${args.join(' ')} ${shell}`]] : [process.execPath, [CLI, ...args]];
      execFile(file, argv as string[], { env, cwd: PROJECT_ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const remote = () => ['--url', service.url, '--key', BUILT_SERVICE_ADMIN_KEY];
  /** One sentence on stderr: no stack, no zod dump, no raw PostgreSQL text. */
  const oneSentence = (run: Run) => {
    const lines = run.stderr.trim().split('\n').filter((line) => !/^\w+: \d+\/\d+ \w+$/.test(line));
    expect(lines).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at |ZodError|"code":|SQLSTATE|undefined/);
  };

  beforeAll(async () => {
    data = await temporaryDataDir('newsledger-cli-');
    service = await startBuiltService(data.dir, { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' });
  }, 120_000);
  afterAll(async () => {
    await service?.kill();
    await data.remove();
  });

  it('migrate, seed, import (new, already present), export, status', async () => {
    expect((await cli(['migrate'])).code).toBe(0);
    const seeded = await cli(['seed']);
    expect(seeded).toMatchObject({ code: 0, stdout: expect.stringContaining('32 events new, 0 already present, 0 lines rejected') });
    const file = path.join(data.dir, 'export.jsonl');
    expect(await cli(['export', '--out', file])).toMatchObject({ code: 0, stderr: expect.stringContaining('32 events exported') });
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(32);
    expect((await cli(['import', file])).stdout).toContain('0 events new, 32 already present, 0 lines rejected');
    const status = await cli(['status']);
    expect(status).toMatchObject({ code: 0, stdout: expect.stringContaining('log head: 32') });
    // The reader of a pipe leaving early is not an error.
    expect(await cli(['status'], { shell: '| head -1' })).toMatchObject({ code: 0, stderr: '' });
    // Over HTTP the summary tells new events from those already present too.
    const source = { source_id: 's', publisher: 'P', genre: 'news', published_at: '2026-01-01', language: 'en', confidence: 'reported' };
    const fresh = { type: 'company.registered', subject: 'company:over-http', occurred_on: '2026-01-01', occurred_precision: 'day', data: { display_name: 'H' }, source };
    await writeFile(file, `${JSON.stringify(fresh)}\n${await readFile(file, 'utf8')}`);
    expect((await cli(['import', file, ...remote()])).stdout).toContain('1 events new, 32 already present, 0 lines rejected');
  }, SEVERAL_RUNS_MS);

  it('keys create, list and revoke, straight and through --url', async () => {
    const created = await cli(['keys', 'create', '--scopes', 'read', '--name', 'cli-test']);
    expect(created.code).toBe(0);
    const id = /id ([0-9a-f-]{36})/.exec(created.stdout)![1];
    expect((await cli(['keys', 'list'])).stdout).toContain(id);
    expect((await cli(['keys', 'list', ...remote()])).stdout).toContain(id);
    expect(await cli(['keys', 'revoke', id, ...remote()])).toMatchObject({ code: 0 });
    const again = await cli(['keys', 'revoke', id]);
    expect(again.code).toBe(1);
    oneSentence(again);
  }, SEVERAL_RUNS_MS);

  it('rebuild and replay, straight and through --url', async () => {
    expect((await cli(['rebuild', 'rm_companies'])).code).toBe(0);
    expect((await cli(['rebuild', 'rm_rules', ...remote()])).code).toBe(0);
    const subscription = await fetch(`${service.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BUILT_SERVICE_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', event_types: ['company.*'] }),
    });
    expect(subscription.status).toBe(201);
    const { id } = (await subscription.json()) as { id: string };
    expect(await cli(['replay', id, '--all'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/matching events enqueued/) });
    expect(await cli(['replay', id, '--since', '2020-01-01', ...remote()])).toMatchObject({ code: 0, stdout: expect.stringMatching(/matching events/) });
  }, SEVERAL_RUNS_MS);

  it.each([
    [['replay', UUID], 2, /--since .*--all/],
    [['replay', UUID, '--since', 'yesterday'], 2, /--since takes a date/],
    [['replay', 'not-a-uuid', '--all'], 2, /not a subscription id/],
    [['replay', UUID, '--all'], 1, /No subscription/],
    [['export', '--out', '/missing/dir/x'], 1, /No such file or directory: \/missing\/dir\/x/],
    [['import', '/missing.jsonl'], 1, /No such file or directory/],
    [['import', '/tmp'], 2, /is a directory/],
    [['import', 'data/seed-article.jsonl', '--url', 'http://127.0.0.1:1', '--key', 'k'], 1, /Cannot reach the service/],
    [['keys', 'list', '--url', 'http://127.0.0.1:1'], 2, /--url needs --key/],
    [['keys', 'create', '--scopes', 'root'], 2, /unknown: root/],
    [['rebuild', 'nothing'], 2, /No projection nothing/],
  ])('%j fails with exit %i and one sentence', async (args, code, message) => {
    const run = await cli(args as string[]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: expect.stringMatching(message) });
    oneSentence(run);
  });

  it('reports rejected lines by number', async () => {
    const file = path.join(data.dir, 'bad.jsonl');
    await writeFile(file, '{not json\n');
    const run = await cli(['import', file]);
    expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining('line 1: not JSON') });
  });
});
