import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '@newsledger/platform';
import { asPostgresUser, giveToPostgresUser } from './postgres-user.js';

const exec = promisify(execFile);

/**
 * A private PostgreSQL primary and a hot-standby streaming replica of it (`pg_basebackup -R`), on
 * free loopback ports, in a temporary folder. It uses the system's PostgreSQL binaries
 * (`pg_config --bindir`), because the embedded server ships no pg_basebackup. Started by root, the
 * servers run as the `postgres` system user, since PostgreSQL refuses root.
 */
export class StreamingReplica {
  private constructor(
    private readonly dir: string,
    private readonly bin: string,
    readonly primaryPort: number,
    readonly replicaPort: number,
  ) {}

  static async start(): Promise<StreamingReplica> {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-replica-'));
    await giveToPostgresUser(dir);
    const servers = new StreamingReplica(dir, bin, await freePort(), await freePort());
    try {
      await servers.run('initdb', ['-D', servers.data('primary'), '-U', 'postgres', '--auth=trust', '--no-sync']);
      await servers.pgCtl('primary', servers.primaryPort, 'start');
      await servers.run('pg_basebackup', [
        ...['-h', '127.0.0.1', '-p', String(servers.primaryPort), '-U', 'postgres'],
        ...['-D', servers.data('replica'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
      ]);
      await servers.pgCtl('replica', servers.replicaPort, 'start');
      return servers;
    } catch (error) {
      await servers.close();
      throw error;
    }
  }

  get primaryUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.primaryPort}/postgres`;
  }

  get replicaUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.replicaPort}/postgres`;
  }

  /** Stops applying WAL on the replica: it keeps answering, with what it had. */
  pauseReplay(): Promise<void> {
    return this.onReplica('SELECT pg_wal_replay_pause()');
  }

  resumeReplay(): Promise<void> {
    return this.onReplica('SELECT pg_wal_replay_resume()');
  }

  /** Stops both servers (immediately: nothing here needs to survive) and removes their files. */
  async close(): Promise<void> {
    for (const [name, port] of [
      ['replica', this.replicaPort],
      ['primary', this.primaryPort],
    ] as const) {
      await this.pgCtl(name, port, 'stop').catch(() => undefined);
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  private data(name: 'primary' | 'replica'): string {
    return path.join(this.dir, name);
  }

  private async onReplica(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.replicaUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  private pgCtl(name: 'primary' | 'replica', port: number, action: 'start' | 'stop'): Promise<void> {
    const options = [
      ...['-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${this.dir}`],
      // Durability is not what these tests are about; speed on a loaded machine is.
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ];
    const args =
      action === 'start'
        ? ['-D', this.data(name), '-l', path.join(this.dir, `${name}.log`), '-o', options.join(' '), '-w', '-t', '60', 'start']
        : ['-D', this.data(name), '-m', 'immediate', '-w', 'stop'];
    return this.run('pg_ctl', args);
  }

  private async run(program: string, args: string[]): Promise<void> {
    const command = path.join(this.bin, program);
    const [file, argv] = asPostgresUser(command, args);
    await exec(file, argv, { cwd: this.dir, timeout: 90_000 });
  }
}
