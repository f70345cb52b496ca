import { describe, expect, it } from '@jest/globals';
import { askedTimes, logCut, timeQuery } from './time-query.js';

describe('the time query', () => {
  it('reads a date as the end of that day UTC, and a timestamp as the end of the millisecond it names', () => {
    const time = timeQuery.parse({ as_of: '2026-01-15', valid_at: '2026-02-11T09:00:00+08:00' });
    expect(time.as_of).toEqual({ asked: '2026-01-15', through: '2026-01-15T23:59:59.999999Z' });
    expect(time.valid_at).toEqual({ asked: '2026-02-11T09:00:00+08:00', through: '2026-02-11T01:00:00.000999Z' });
    expect(logCut(time)).toEqual({ untilPosition: undefined, untilRecordedAt: '2026-01-15T23:59:59.999999Z' });
  });

  it('echoes what was asked', () => {
    expect(askedTimes(timeQuery.parse({ as_of_position: '12', valid_at: '2026-01-15' }))).toEqual({
      as_of: { timestamp: null, position: 12 },
      valid_at: '2026-01-15',
    });
    expect(askedTimes(timeQuery.parse({}))).toEqual({});
  });

  it.each(['1899-12-31', '2201-01-01', '2026-02-29', '2026-1-5', '15/01/2026', 'now', '2026-01-15T24:00:00Z', '+020000-01-01T00:00:00Z'])(
    'refuses %s',
    (value) => {
      expect(timeQuery.safeParse({ valid_at: value }).success).toBe(false);
      expect(timeQuery.safeParse({ as_of: value }).success).toBe(false);
    },
  );

  it('keeps the edges of the range it accepts', () => {
    expect(timeQuery.safeParse({ as_of: '1900-01-01', valid_at: '2200-12-31T23:59:59Z' }).success).toBe(true);
  });
});
