import { describe, expect, it } from '@jest/globals';
import { parseRetryAfter, retryDelayMs } from './retry-schedule.js';

const schedule = [5_000, 300_000, 1_800_000];

describe('retry schedule', () => {
  it('waits each step of the schedule, ±20 %', () => {
    expect(retryDelayMs(schedule, 1, null, () => 0)).toBe(4_000);
    expect(retryDelayMs(schedule, 1, null, () => 1)).toBe(6_000);
    expect(retryDelayMs(schedule, 2, null, () => 0.5)).toBe(300_000);
    expect(retryDelayMs(schedule, 9, null, () => 0.5)).toBe(1_800_000);
  });

  it('honours a longer retry-after, up to the longest step; never a shorter one', () => {
    expect(retryDelayMs(schedule, 1, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(schedule, 1, 86_400_000, () => 0.5)).toBe(1_800_000);
    expect(retryDelayMs(schedule, 2, 1_000, () => 0.5)).toBe(300_000);
  });

  it('reads retry-after as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 11 Feb 2026 00:01:00 GMT', Date.parse('2026-02-11T00:00:00Z'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
