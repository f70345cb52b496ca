import { afterAll, describe, expect, it } from '@jest/globals';
import { RedisServer } from '@newsledger/testing';
import { redisQueueBackend, type QueueBackend } from './queue-backend.js';

// Redis servers of the test's own, so each can be started with the policy under test.
describe('redisQueueBackend start-up warnings', () => {
  const opened: { server: RedisServer; backend: QueueBackend }[] = [];
  const backendOn = async (settings: string[]) => {
    const server = await RedisServer.start(settings);
    const backend = redisQueueBackend({ url: server.url });
    opened.push({ server, backend });
    return backend;
  };
  afterAll(async () => {
    for (const { server, backend } of opened) {
      await backend.close();
      await server.stop();
    }
  });

  it('names an evicting maxmemory-policy and says what to set', async () => {
    const backend = await backendOn(['--maxmemory-policy', 'allkeys-lru']);
    expect(await backend.warnings()).toEqual([
      expect.stringMatching(/maxmemory-policy is "allkeys-lru".*delete queued webhook jobs.*noeviction/),
    ]);
  });

  it('has nothing to say about noeviction', async () => {
    const backend = await backendOn(['--maxmemory-policy', 'noeviction']);
    expect(await backend.warnings()).toEqual([]);
  });
});
