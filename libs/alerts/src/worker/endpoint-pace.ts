/** How long an endpoint at its cap may keep a delivery waiting in a process, and how long one goes back for. */
export interface PaceBounds {
  /** Sends in flight per endpoint (the limiter's cap). */
  cap: number;
  /** The shortest wait for a slot and the shortest back-off: what a delivery gets while the endpoint's pace is unknown. */
  minMs: number;
  /** The longest wait for a slot, in all: past it a delivery would hold its job's worker slot too long, and goes back instead. */
  maxSlotWaitMs: number;
  /** The longest back-off, however slow or far behind the endpoint is. */
  maxBackOffMs: number;
}

// How much each finished send moves the endpoint's expected send time.
const WEIGHT = 0.2;
const JITTER = 0.2;
// A waiter's expected wait is a mean over sends whose times vary: it may wait this many times longer before it gives up.
const WAIT_HEADROOM = 2;

interface Pace {
  /** Recent sends' time, a moving average; null before the first finishes. */
  sendMs: number | null;
  inFlight: number;
  /** When a send last finished, or the first started. */
  progressAt: number;
  /** When this process expects the deliveries it has sent back so far to be worked off. */
  clearAt: number;
}

/** Time for `cap` slots, each busy `sendMs` a send, to work off `queued` sends. */
export function drainMs(queued: number, sendMs: number, cap: number): number {
  return (queued * sendMs) / cap;
}

/**
 * The pace of each endpoint's sends in this process, from which a delivery that finds its endpoint
 * at the cap learns how long a slot should take: it waits for one when that is short, and otherwise
 * goes back for about as long as the endpoint needs to work off what this process holds for it,
 * after the deliveries sent back before it, so they return spread at the rate the endpoint takes
 * them instead of all together. A send counts as lasting at least as long as the endpoint has gone
 * without finishing one, so an endpoint that stops answering pushes its deliveries back further and
 * further, while one slow answer among many quick ones does not.
 */
export class EndpointPace {
  private readonly paces = new Map<string, Pace>();

  constructor(
    private readonly bounds: PaceBounds,
    private readonly now: () => number = () => performance.now(),
    private readonly random: () => number = Math.random,
  ) {}

  /** Marks a send to `key` started; call the returned function with its latency once it ends. */
  started(key: string): (latencyMs: number) => void {
    const pace = this.paces.get(key) ?? { sendMs: null, inFlight: 0, progressAt: this.now(), clearAt: 0 };
    this.paces.set(key, pace);
    pace.inFlight++;
    return (latencyMs) => {
      pace.inFlight--;
      pace.progressAt = this.now();
      pace.sendMs = pace.sendMs === null ? latencyMs : pace.sendMs + WEIGHT * (latencyMs - pace.sendMs);
      // An endpoint with nothing out or due back is forgotten: its next burst starts from what its sends then take.
      if (pace.inFlight === 0 && pace.clearAt <= pace.progressAt) this.paces.delete(key);
    };
  }

  /**
   * How much longer a delivery `ahead` others from a slot at `key`, having waited `waitedMs`,
   * should wait; 0: not at all, go back now (the slot would come after the longest wait).
   */
  slotWaitMs(key: string, ahead: number, waitedMs: number): number {
    const { cap, minMs, maxSlotWaitMs } = this.bounds;
    const pace = this.paces.get(key);
    const left = maxSlotWaitMs - waitedMs;
    const expected = pace ? drainMs(ahead + 1, this.sendMs(pace), cap) : 0;
    if (expected > left) return 0;
    return Math.round(Math.min(left, Math.max(minMs, WAIT_HEADROOM * expected)));
  }

  /** How long a delivery behind `waiting` others at `key` should go back for, ±20 %, a whole millisecond. */
  backOffMs(key: string, waiting: number): number {
    const { cap, minMs, maxBackOffMs } = this.bounds;
    const now = this.now();
    const pace = this.paces.get(key);
    let dueIn = 0;
    if (pace) {
      const sendMs = this.sendMs(pace);
      const due = Math.max(now + drainMs(waiting + 1, sendMs, cap), pace.clearAt + sendMs / cap);
      pace.clearAt = Math.min(due, now + maxBackOffMs);
      dueIn = due - now;
    }
    const bounded = Math.min(maxBackOffMs, Math.max(minMs, dueIn));
    return Math.round(bounded * (1 - JITTER + 2 * JITTER * this.random()));
  }

  private sendMs(pace: Pace): number {
    return Math.max(pace.sendMs ?? 0, this.now() - pace.progressAt);
  }
}
