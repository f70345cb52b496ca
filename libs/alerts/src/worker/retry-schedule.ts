const JITTER = 0.2;

/**
 * The pause before the next attempt after `attemptsMade` attempts (1 = the first failed): the
 * schedule's step ±20 %. A receiver's retry-after may lengthen the pause, up to the schedule's
 * longest step, never shorten it.
 */
export function retryDelayMs(
  scheduleMs: readonly number[],
  attemptsMade: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  const step = scheduleMs[Math.min(Math.max(attemptsMade, 1), scheduleMs.length) - 1];
  const jittered = Math.round(step * (1 - JITTER + 2 * JITTER * random()));
  if (retryAfterMs === null) return jittered;
  return Math.min(Math.max(jittered, retryAfterMs), Math.max(jittered, ...scheduleMs));
}

/** `retry-after` as delay-seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
