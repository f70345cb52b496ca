import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@newsledger/platform';
import { asPostgresUser, giveToPostgresUser } from './postgres-user.js';

/**
 * A PgBouncer of the test's own in transaction mode (the mode that multiplexes: a server connection
 * per transaction, no session state kept), in front of the PostgreSQL server `serverUrl` names, on a
 * free loopback port. Needs the `pgbouncer` binary (Debian: `apt-get install pgbouncer`); started by
 * root, it runs as the `postgres` system user, since PgBouncer refuses root.
 */
export class PgBouncer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(serverUrl: string): Promise<PgBouncer> {
    const server = new URL(serverUrl);
    const user = decodeURIComponent(server.username || 'postgres');
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-pgbouncer-'));
    const port = await freePort();
    const password = server.password ? ` password=${decodeURIComponent(server.password)}` : '';
    await writeFile(path.join(dir, 'users.txt'), `"${user}" ""\n`);
    await writeFile(
      path.join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${server.hostname} port=${server.port || 5432} user=${user}${password}`,
        '[pgbouncer]',
        `listen_addr = 127.0.0.1`,
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${path.join(dir, 'users.txt')}`,
        'pool_mode = transaction',
        'max_client_conn = 500',
        'default_pool_size = 20',
        // DISCARD ALL after every transaction: no session state (a migration's advisory lock) outlives it.
        'server_reset_query_always = 1',
        // node-postgres sends these as startup parameters; PgBouncer cannot keep them per client, so
        // production sets them on the role instead (docs/postgres-at-scale.md).
        'ignore_startup_parameters = statement_timeout,idle_in_transaction_session_timeout,extra_float_digits',
      ].join('\n'),
    );
    await giveToPostgresUser(dir, path.join(dir, 'users.txt'), path.join(dir, 'pgbouncer.ini'));
    const [program, args] = asPostgresUser('pgbouncer', [path.join(dir, 'pgbouncer.ini')]);
    const child = spawn(program, args, { stdio: 'ignore' });
    const bouncer = new PgBouncer(child, dir, port);
    const deadline = Date.now() + 15_000;
    while (!(await bouncer.answers(serverUrl))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await bouncer.close();
        throw new Error(`pgbouncer did not start on port ${port}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return bouncer;
  }

  /** `url` (a database on the server behind the bouncer) as reached through the bouncer. */
  through(url: string): string {
    const routed = new URL(url);
    routed.hostname = '127.0.0.1';
    routed.port = String(this.port);
    return routed.toString();
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGTERM');
      await exited;
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  private async answers(serverUrl: string): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.through(serverUrl) });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
