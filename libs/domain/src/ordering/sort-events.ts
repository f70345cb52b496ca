import { lifecycleRank } from '../catalog.js';
import type { Precision } from '../values/dates.js';
import { contains, intervalOf, type Interval } from './valid-time.js';

export interface Orderable {
  event_id: string;
  type: string;
  occurred_on: string | null;
  occurred_precision: Precision;
  recorded_at: string;
  version: number;
}

interface Keyed<T> {
  event: T;
  interval: Interval | null;
  rank: number;
  recorded: number;
}
type Dated<T> = Keyed<T> & { interval: Interval };

const isDated = <T>(e: Keyed<T>): e is Dated<T> => e.interval !== null;

const byRecorded = <T extends Orderable>(a: Keyed<T>, b: Keyed<T>) =>
  a.recorded - b.recorded || a.event.version - b.event.version || a.event.event_id.localeCompare(b.event.event_id);
const byRank = <T extends Orderable>(a: Keyed<T>, b: Keyed<T>) => a.rank - b.rank || byRecorded(a, b);
const byStart = <T extends Orderable>(a: Dated<T>, b: Dated<T>) => a.interval.start.localeCompare(b.interval.start) || byRank(a, b);

function keyed<T extends Orderable>(event: T): Keyed<T> {
  return {
    event,
    interval: intervalOf(event.occurred_on, event.occurred_precision),
    rank: lifecycleRank(event.type),
    recorded: Date.parse(event.recorded_at),
  };
}

/**
 * Places an event covering a period among the finer events inside it: before the first one later in the
 * lifecycle, else after them all. (`filed` on Jan 15 and `priced` "in January" read filed, then priced.)
 */
function insertCoarse<T extends Orderable>(sequence: Dated<T>[], event: Dated<T>): void {
  const period = event.interval;
  const inside = sequence.flatMap((e, i) => (contains(period, e.interval) ? [i] : []));
  const later = inside.find((i) => sequence[i].rank > event.rank);
  // Periods nest or are disjoint, so with nothing inside, everything before starts before this period.
  const at = later ?? (inside.length > 0 ? inside[inside.length - 1] + 1 : sequence.findIndex((e) => e.interval.start >= period.start));
  sequence.splice(at < 0 ? sequence.length : at, 0, event);
}

const COARSER: readonly Precision[] = ['month', 'quarter', 'year'];

function sortDated<T extends Orderable>(dated: Dated<T>[]): Dated<T>[] {
  const sequence = dated.filter((e) => e.event.occurred_precision === 'day').sort(byStart);
  for (const precision of COARSER)
    for (const event of dated.filter((e) => e.event.occurred_precision === precision).sort(byStart)) insertCoarse(sequence, event);
  return sequence;
}

/**
 * Valid-time order (DOMAIN.md "Validation runs in valid-time order"): by period, by lifecycle rank where
 * periods nest, then by recording. An undated event takes the place of the latest (in valid time) dated
 * event recorded before it, ranked against it by lifecycle; with none before it, it goes first.
 * The result depends only on the events, never on the order of the input array.
 */
export function sortByValidTime<T extends Orderable>(events: readonly T[]): T[] {
  const all = events.map(keyed);
  const dated = sortDated(all.filter(isDated));
  const slots: Keyed<T>[][] = [[], ...dated.map((e) => [e])];
  for (const undated of all.filter((e) => !isDated(e))) {
    let anchor = -1;
    dated.forEach((e, i) => {
      if (byRecorded(e, undated) < 0) anchor = i;
    });
    slots[anchor + 1].push(undated);
  }
  return slots.flatMap((slot) => slot.sort(byRank).map((e) => e.event));
}

/** Company events follow the order they were recorded in. */
export function sortByRecorded<T extends Orderable>(events: readonly T[]): T[] {
  return events
    .map(keyed)
    .sort(byRecorded)
    .map((e) => e.event);
}
