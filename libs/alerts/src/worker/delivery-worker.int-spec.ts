import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, postgresQueueBackend, redisQueueBackend, type QueueBackend } from '@newsledger/platform';
import { createTestDatabase, eventually, testEnv, type TestDatabase } from '@newsledger/testing';
import { resolveAlertsOptions } from '../alerts.options.js';
import type { DeliveryProcessor } from './delivery-processor.js';
import { DeliveryWorker } from './delivery-worker.js';

describe('DeliveryWorker.stop', () => {
  let db: TestDatabase;
  let backend: QueueBackend;

  beforeAll(async () => {
    db = await createTestDatabase();
    const redisUrl = testEnv('redisUrl');
    backend = redisUrl ? redisQueueBackend({ url: redisUrl }) : postgresQueueBackend(db.url, db.pool, { poolSize: 4 });
  });
  afterAll(async () => {
    await backend.close();
    await db.drop();
  });

  it('forces attempts that outlast the graceful window, whatever they wait on', async () => {
    // An attempt that never ends (not even when its HTTP client is destroyed): only a forced close ends the stop.
    let started = false;
    const processor = {
      process: () => {
        started = true;
        return new Promise(() => undefined);
      },
      sender: { close: async () => undefined, destroy: async () => undefined },
    } as unknown as DeliveryProcessor;
    const options = resolveAlertsOptions({ queueName: `stop-${randomUUID()}` });
    const worker = new DeliveryWorker(backend, loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), options, processor);
    const queue = backend.createQueue(options.queueName);
    try {
      worker.onApplicationBootstrap();
      await queue.add('delivery', { delivery_id: randomUUID() });
      await eventually(async () => expect(started).toBe(true));
      await worker.stop();
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });
});
