import { describe, expect, it } from '@jest/globals';
import { InFlightLimiter } from './in-flight-limiter.js';

describe('InFlightLimiter', () => {
  it('caps each key on its own', async () => {
    const limiter = new InFlightLimiter(2);
    expect(await limiter.acquire('slow')).toBe(true);
    expect(await limiter.acquire('slow')).toBe(true);
    expect(await limiter.acquire('fast')).toBe(true);
  });

  it('hands released slots to waiters in turn, and turns a waiter away when its wait runs out', async () => {
    const limiter = new InFlightLimiter(1);
    const fiftyMs = (_ahead: number, waitedMs: number) => Math.max(0, 50 - waitedMs);
    await limiter.acquire('a');
    const [first, second] = [limiter.acquire('a', fiftyMs), limiter.acquire('a', fiftyMs)];
    limiter.release('a');
    expect(await first).toBe(true);
    limiter.release('a');
    expect(await second).toBe(true);
    expect(await limiter.acquire('a', fiftyMs)).toBe(false); // waited 50 ms, nobody released
    limiter.release('a');
    expect(await limiter.acquire('a', fiftyMs)).toBe(true);
  });

  it('makes a caller wait as long as it takes when it has no patience', async () => {
    const limiter = new InFlightLimiter(1);
    await limiter.acquire('all');
    let granted = false;
    const waiting = limiter.acquire('all').then((ok) => (granted = ok));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(granted).toBe(false);
    limiter.release('all');
    await waiting;
    expect(granted).toBe(true);
  });

  it('asks a waiter’s patience again when its wait runs out, telling it how far it has come', async () => {
    const limiter = new InFlightLimiter(1);
    await limiter.acquire('a');
    const asked: [number, boolean][] = [];
    const second = limiter.acquire('a', () => 1_000);
    const third = limiter.acquire('a', (ahead, waitedMs) => (asked.push([ahead, waitedMs > 0]), asked.length < 3 ? 20 : 0));
    expect(limiter.waiting('a')).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    limiter.release('a');
    expect(await second).toBe(true);
    // First asked on arrival (one ahead), then when its first wait ran out, then after it moved up.
    expect(await third).toBe(false);
    expect(asked).toEqual([
      [1, false],
      [1, true],
      [0, true],
    ]);
    expect(limiter.waiting('a')).toBe(0);
    expect(await limiter.acquire('a', () => 0)).toBe(false);
  });
});
