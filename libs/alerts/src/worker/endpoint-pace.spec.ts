import { describe, expect, it } from '@jest/globals';
import { drainMs, EndpointPace } from './endpoint-pace.js';

const BOUNDS = { cap: 4, minMs: 100, maxSlotWaitMs: 1_000, maxBackOffMs: 5_000 };

/** A pace on a clock the test moves, with no jitter (random 0.5 is the middle of ±20 %). */
function paceAt() {
  const clock = { now: 0 };
  return { clock, pace: new EndpointPace(BOUNDS, () => clock.now, () => 0.5) };
}

/** A pace that has seen one send to `key` take `sendMs`, with another still out. */
function afterOneSend(key: string, sendMs: number) {
  const { clock, pace } = paceAt();
  const finished = pace.started(key);
  pace.started(key);
  clock.now += sendMs;
  finished(sendMs);
  return { clock, pace };
}

describe('drainMs', () => {
  it('is the time the cap takes to work off the queue', () => {
    expect(drainMs(8, 10, 4)).toBe(20);
    expect(drainMs(0, 10, 4)).toBe(0);
  });
});

describe('EndpointPace', () => {
  it('gives an endpoint it knows nothing of the shortest wait and back-off', () => {
    const { pace } = paceAt();
    expect(pace.slotWaitMs('new', 50, 0)).toBe(100);
    expect(pace.backOffMs('new', 50)).toBe(100);
    // ±20 %, so deliveries sent back together do not all return together.
    expect(new EndpointPace(BOUNDS, () => 0, () => 0).backOffMs('new', 50)).toBe(80);
  });

  it('lets a delivery wait about as long as the queue ahead of it takes, up to the longest wait in all', () => {
    const { pace } = afterOneSend('fast', 10);
    // 99 ahead + itself at 10 ms a send over 4 slots: 250 ms expected, twice that allowed.
    expect(pace.slotWaitMs('fast', 99, 0)).toBe(500);
    // A short queue still gets the shortest wait.
    expect(pace.slotWaitMs('fast', 3, 0)).toBe(100);
    // Asked again after 800 ms, with the slot still 250 ms away: gone past the longest wait, go back.
    expect(pace.slotWaitMs('fast', 99, 800)).toBe(0);
    // With it 100 ms away: twice that, which is all that is left of the longest wait.
    expect(pace.slotWaitMs('fast', 39, 800)).toBe(200);
    // A queue that takes longer than the longest wait: go back at once.
    expect(pace.slotWaitMs('fast', 400, 0)).toBe(0);
  });

  it('sends a delivery back for as long as the endpoint needs, after those sent back before it', () => {
    const { clock, pace } = afterOneSend('busy', 40);
    // 39 waiting + itself at 40 ms a send over 4 slots: 400 ms.
    expect(pace.backOffMs('busy', 39)).toBe(400);
    // The next one goes back behind it, one send's share of the cap later, and so on.
    expect(pace.backOffMs('busy', 39)).toBe(410);
    expect(pace.backOffMs('busy', 39)).toBe(420);
    // Later, with nobody waiting, one still goes back behind them (due at 470 ms, the others at 440, 450, 460).
    clock.now += 20;
    expect(pace.backOffMs('busy', 0)).toBe(410);
  });

  it('counts a send as lasting as long as the endpoint has gone without finishing one, within the longest back-off', () => {
    const { clock, pace } = afterOneSend('hung', 5);
    expect(pace.slotWaitMs('hung', 3, 0)).toBe(100);
    clock.now += 2_000;
    // Nothing has finished for 2 s: 4 waiting take 2 s, longer than any wait.
    expect(pace.slotWaitMs('hung', 3, 0)).toBe(0);
    expect(pace.backOffMs('hung', 3)).toBe(2_000);
    clock.now += 60_000;
    expect(pace.backOffMs('hung', 3)).toBe(5_000);
  });

  it('forgets an endpoint once nothing of it is out or due back', () => {
    const { clock, pace } = paceAt();
    const finished = pace.started('idle');
    clock.now += 900;
    finished(900);
    expect(pace.slotWaitMs('idle', 10, 0)).toBe(100);
    expect(pace.backOffMs('idle', 10)).toBe(100);
  });
});
