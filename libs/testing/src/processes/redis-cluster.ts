import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { RedisServer } from './redis-server.js';

const run = promisify(execFile);

/**
 * A Redis Cluster of the test's own: `masters` redis-server processes on free loopback ports, joined
 * by `redis-cli --cluster create` (no replicas), with every slot assigned before start() resolves.
 */
export class RedisCluster {
  private constructor(
    readonly nodes: readonly RedisServer[],
    private readonly dir: string,
  ) {}

  static async start({ masters = 3, settings = [] as readonly string[] } = {}): Promise<RedisCluster> {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-redis-cluster-'));
    const nodes: RedisServer[] = [];
    const cluster = new RedisCluster(nodes, dir);
    try {
      for (let i = 0; i < masters; i++) {
        // Each node keeps its cluster state file under its own name in the cluster's folder.
        nodes.push(
          await RedisServer.start(['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${i}.conf`, '--dir', dir, ...settings]),
        );
      }
      const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
      await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
      await cluster.waitUntilAssigned();
      return cluster;
    } catch (error) {
      await cluster.close();
      throw error;
    }
  }

  /** `host:port,host:port,…`, the form REDIS_CLUSTER_NODES takes. */
  get seedNodes(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  async close(): Promise<void> {
    for (const node of this.nodes) await node.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  // `--cluster create` returns once slots are assigned; each node learns the others' by gossip, after.
  private async waitUntilAssigned(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (const node of this.nodes) {
      const client = new Redis(node.port, '127.0.0.1', { lazyConnect: true });
      try {
        await client.connect();
        while (!/cluster_state:ok/.test(await client.cluster('INFO'))) {
          if (Date.now() > deadline) throw new Error(`Redis Cluster node ${node.port} never reported cluster_state:ok`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        client.disconnect();
      }
    }
  }
}
