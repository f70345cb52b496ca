import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@newsledger/platform';
import { freePort } from '@newsledger/platform';

/**
 * A PostgreSQL cluster of the test's own (the service's embedded start), on its own port and in a
 * temporary folder, that the test can stop and start again with its data on the same address.
 * Started by root, the server runs as the `postgres` system user, since PostgreSQL refuses root.
 */
export class PostgresServer {
  private running: EmbeddedDatabase | null = null;
  private readonly logs: string[] = [];
  private address = '';

  private constructor(
    private readonly folder: string,
    readonly port: number,
    private readonly settings: Record<string, string>,
  ) {}

  static async start({ maxConnections = 100 }: { maxConnections?: number } = {}): Promise<PostgresServer> {
    const folder = await mkdtemp(path.join(tmpdir(), 'newsledger-fault-pg-'));
    // The postgres system user must be able to enter the folder its data directory is in.
    await chmod(folder, 0o755);
    const instance = new PostgresServer(folder, await freePort(), {
      max_connections: String(maxConnections),
      // Durability is not what these tests are about; speed on a loaded machine is.
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    });
    await instance.start();
    return instance;
  }

  /** The `postgres` database; swap the path (withDatabase) for another. */
  get url(): string {
    return this.address;
  }

  /** What the server wrote to its log, for a failing test's message. */
  log(): string {
    return this.logs.join('\n');
  }

  async start(): Promise<void> {
    if (this.running) return;
    // Kept between stop() and start(); close() removes the folder.
    this.running = await startEmbeddedPostgres(this.folder, (line) => this.logs.push(line), { port: this.port, settings: this.settings });
    this.address = this.running.url;
  }

  /** A fast shutdown: every session is terminated and in-flight transactions roll back. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server and removes its files. */
  async close(): Promise<void> {
    await this.stop();
    await rm(this.folder, { recursive: true, force: true });
  }
}
