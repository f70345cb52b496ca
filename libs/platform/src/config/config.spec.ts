import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./.data');
    expect(config.webhook.retryScheduleMs).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(config.webhook.disableAfterMs).toBe(5 * 86_400_000);
    expect(config.webhook.timeoutMs).toBe(15_000);
    expect(Object.isFrozen(config.webhook)).toBe(true);
    expect(config.http).toEqual({ batchBodyLimit: 4 * 1024 * 1024, requestTimeoutMs: 30_000, idleTimeoutMs: 120_000, keepAliveTimeoutMs: 72_000, listCacheBytes: 32 * 1024 * 1024 });
    expect(config.rateLimit).toEqual({ perKey: 6000, perIp: 12000, failedAuth: 60, windowMs: 60_000 });
  });

  it('reads sizes in bytes, kb or mb', () => {
    expect(loadConfig({ BATCH_BODY_LIMIT: '65536' }).http.batchBodyLimit).toBe(65_536);
    expect(loadConfig({ BATCH_BODY_LIMIT: '256kb' }).http.batchBodyLimit).toBe(262_144);
    expect(() => loadConfig({ BATCH_BODY_LIMIT: 'lots' })).toThrow(/BATCH_BODY_LIMIT/);
    expect(loadConfig({ LIST_CACHE_SIZE: '0' }).http.listCacheBytes).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_PER_KEY: '0' })).toThrow(/RATE_LIMIT_PER_KEY/);
  });

  it('names every bad variable', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', WEBHOOK_RETRY_SCHEDULE: '5s,soon' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('PORT');
      expect(message).toContain('WEBHOOK_RETRY_SCHEDULE');
    }
  });

  it('reads Redis Cluster seed nodes, and refuses them beside REDIS_URL', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-0:6379, 10.0.0.2:7001' }).redisClusterNodes).toEqual([
      { host: 'redis-0', port: 6379 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-0' })).toThrow(/REDIS_CLUSTER_NODES: must be comma-separated host:port/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-0:6379', REDIS_URL: 'redis://x:6379' })).toThrow(/not both/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).databaseUrl).toBeUndefined();
  });
});
