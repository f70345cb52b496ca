import { describe, expect, it, jest } from '@jest/globals';
import { InFlightLimiter } from './in-flight-limiter.js';

describe('InFlightLimiter', () => {
  it('caps each key on its own', async () => {
    const limiter = new InFlightLimiter(2, 1_000);
    expect(await limiter.acquire('slow')).toBe(true);
    expect(await limiter.acquire('slow')).toBe(true);
    expect(await limiter.acquire('fast')).toBe(true);
  });

  it('hands released slots to waiters in turn, and turns a waiter away when its wait runs out', async () => {
    const limiter = new InFlightLimiter(1, 50);
    await limiter.acquire('a');
    const [first, second] = [limiter.acquire('a'), limiter.acquire('a')];
    limiter.release('a');
    expect(await first).toBe(true);
    limiter.release('a');
    expect(await second).toBe(true);
    expect(await limiter.acquire('a')).toBe(false); // waited 50 ms, nobody released
    limiter.release('a');
    expect(await limiter.acquire('a')).toBe(true);
  });

  it('keeps a long line waiting while the slots turn over, when each caller’s slot is due within the wait', async () => {
    // 25 callers behind one slot released every 10 ms: the last is served after 250 ms, past the
    // 200 ms wait, but the line moves, so nobody is sent away (a stalled line is, as above).
    // Fake timers: the pace is the subject here, and a busy machine's late timers would change it.
    jest.useFakeTimers();
    try {
      const limiter = new InFlightLimiter(1, 200);
      await limiter.acquire('fast');
      const line = Array.from({ length: 25 }, () => limiter.acquire('fast'));
      for (let i = 0; i < line.length; i++) {
        await jest.advanceTimersByTimeAsync(10);
        limiter.release('fast');
      }
      expect(await Promise.all(line)).toEqual(Array(25).fill(true));
    } finally {
      jest.useRealTimers();
    }
  });
});
