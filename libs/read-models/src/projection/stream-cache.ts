import { resolveStream, type ResolvedStream, type StoredEvent } from '@newsledger/domain';

interface Entry {
  /** The stream from its first event up to some version, in version order. */
  events: StoredEvent[];
  /** The stream resolved at `events.length`, once a projection asked for it. */
  resolved: ResolvedStream | null;
}

// Enough for the streams a catch-up or a live tail keeps coming back to; at one to two KiB an event
// (and its share of the resolved stream), some tens of MiB per projector at most.
const CAPACITY_EVENTS = 20_000;

/**
 * The beginnings of streams that earlier batches saw, so a batch reads from the table only streams it
 * has not met yet, and resolves each stream once for every projection that shares the cache.
 *
 * An entry is a stretch of the log and the log never changes: a stream's events are versions 1…n and
 * come in version order in the log, and nothing is updated or deleted. So an entry stays true whatever
 * happened since it was kept (a batch rolled back, a checkpoint reset for a rebuild, a turn taken by
 * another instance), and a batch takes from it only the versions before its own first event of the
 * stream: never more, never less than the log holds up to the batch. Least recently used streams go
 * first once the cache holds more events than its capacity.
 */
export class StreamCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(private readonly capacity = CAPACITY_EVENTS) {}

  /** The events of `subject`'s stream before `version`, when the cache holds the stream that far. */
  before(subject: string, version: number): StoredEvent[] | null {
    const entry = this.entries.get(subject);
    if (!entry || lastVersion(entry.events) < version - 1) return null;
    this.touch(subject, entry);
    return lastVersion(entry.events) === version - 1 ? entry.events : entry.events.filter((event) => event.version < version);
  }

  /** Keeps the beginning of `subject`'s stream up to its last event, unless more of it is kept already. */
  keep(subject: string, events: StoredEvent[]): void {
    const entry = this.entries.get(subject);
    if (entry && lastVersion(entry.events) >= lastVersion(events)) return;
    this.size += events.length - (entry?.events.length ?? 0);
    this.touch(subject, { events, resolved: null });
    for (const [oldest, { events: evicted }] of this.entries) {
      if (this.size <= this.capacity) break;
      this.entries.delete(oldest);
      this.size -= evicted.length;
    }
  }

  /** The beginning of `subject`'s stream up to its last event resolved (resolveStream), once for every projection asking about it. */
  resolve(subject: string, events: StoredEvent[]): ResolvedStream {
    const entry = this.entries.get(subject);
    if (!entry || lastVersion(entry.events) !== lastVersion(events)) return resolveStream(subject, events);
    entry.resolved ??= resolveStream(subject, events);
    return entry.resolved;
  }

  /** Moves the entry to the most recently used end. */
  private touch(subject: string, entry: Entry): void {
    this.entries.delete(subject);
    this.entries.set(subject, entry);
  }
}

function lastVersion(events: readonly StoredEvent[]): number {
  return events.at(-1)?.version ?? 0;
}
