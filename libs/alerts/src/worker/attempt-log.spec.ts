import { describe, expect, it } from '@jest/globals';
import type { AttemptRecord } from '../deliveries/delivery.js';
import { AttemptLog } from './attempt-log.js';

const attempt = (deliveryId: string): AttemptRecord => ({
  deliveryId,
  subscriptionId: 'sub',
  attemptedAt: new Date(),
  statusCode: 204,
  latencyMs: 1,
  excerpt: null,
  error: null,
  outcome: 'succeeded',
  nextAttemptAt: null,
});

/** A write that holds each batch until `release` is called, recording what it wrote. */
function heldWrites() {
  const written: string[][] = [];
  const waiting: (() => void)[] = [];
  const write = (attempts: AttemptRecord[]) =>
    new Promise<{ failing_since: null }[]>((resolve) =>
      waiting.push(() => {
        written.push(attempts.map((a) => a.deliveryId));
        resolve(attempts.map(() => ({ failing_since: null })));
      }),
    );
  const release = () => waiting.splice(0).forEach((done) => done());
  return { written, write, release };
}

describe('AttemptLog', () => {
  it('does not hold a success back, and flush waits until every attempt is written, in order', async () => {
    const { written, write, release } = heldWrites();
    const log = new AttemptLog(write);
    log.recordSuccessLater(attempt('a'));
    log.recordSuccessLater(attempt('b'));
    let flushed = false;
    const flushing = log.flush().then(() => (flushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    log.recordSuccessLater(attempt('c'));
    while (!flushed) {
      release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await flushing;
    expect(written.flat()).toEqual(['a', 'b', 'c']);
  });

  it('answers a recorded failure once written, and survives a background write that fails', async () => {
    const log = new AttemptLog(async (attempts) => {
      if (attempts.some((a) => a.deliveryId === 'lost')) throw new Error('database gone');
      return attempts.map(() => ({ failing_since: '2026-01-01T00:00:00Z' }));
    });
    log.recordSuccessLater(attempt('lost'));
    await log.flush();
    await expect(log.record({ ...attempt('next'), outcome: 'failed' })).resolves.toEqual({ failing_since: '2026-01-01T00:00:00Z' });
  });

  it('holds a success it has not written yet, and lets go once the write settles, even a failed one', async () => {
    const { write, release } = heldWrites();
    const log = new AttemptLog(write);
    log.recordSuccessLater(attempt('sent'));
    expect(log.holdsSuccessOf('sent')).toBe(true);
    expect(log.holdsSuccessOf('other')).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.holdsSuccessOf('sent')).toBe(true);
    release();
    await log.flush();
    expect(log.holdsSuccessOf('sent')).toBe(false);

    const failing = new AttemptLog(() => Promise.reject(new Error('database gone')));
    failing.recordSuccessLater(attempt('lost'));
    await failing.flush();
    // Not written: the sweeper's next job for it must send it again.
    expect(failing.holdsSuccessOf('lost')).toBe(false);
  });
});
