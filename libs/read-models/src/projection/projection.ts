import { foldResolved, type AggregateKind, type AggregateState, type StoredEvent } from '@newsledger/domain';
import type { RecordedEvent } from '@newsledger/event-store';
import type pg from 'pg';
import { streamsOf } from './read-stream.js';
import { StreamCache } from './stream-cache.js';

/** A read model fed by a checkpointed LogConsumer: `handle` runs in the transaction that saves the checkpoint. */
export interface Projection {
  readonly name: string;
  /** Every table the projection writes: a rebuild builds each beside the live one and swaps them all at once. */
  readonly tables: readonly string[];
  /**
   * `streams` holds what earlier batches saw of the streams, shared by the projections of one
   * consumer set; without it, every stream a batch touches is read from its beginning.
   */
  readonly handle: ProjectionHandler;
}

export type ProjectionHandler = ((events: readonly RecordedEvent[], client: pg.PoolClient, streams?: StreamCache) => Promise<void>) & {
  /** Whether the handler writes anything for the event; every event when not given (see SetMember.handles). */
  readonly handles?: (event: RecordedEvent) => boolean;
};

/**
 * `handle`, declaring that it writes nothing for the events `handles` rejects. The declaration goes
 * with the function it describes: a projection whose handler is wrapped (to audit it, to point it at
 * a rebuild's tables) is given every event, unless the wrapper declares what it handles itself.
 */
export function handlerOf(
  handles: (event: RecordedEvent) => boolean,
  handle: (events: readonly RecordedEvent[], client: pg.PoolClient, streams?: StreamCache) => Promise<void>,
): ProjectionHandler {
  return Object.assign(handle, { handles });
}

/** Distinct subjects of a batch whose aggregate is `kind` (every kind when null), in first-seen order. */
export function touchedSubjects(events: readonly RecordedEvent[], kind: AggregateKind | null): string[] {
  const subjects = events.map((e) => e.subject).filter((s) => kind === null || isOfKind(s, kind));
  return [...new Set(subjects)];
}

export function isOfKind(subject: string, kind: AggregateKind): boolean {
  return subject.startsWith(`${kind}:`);
}

/**
 * A projection of one aggregate kind: each subject a batch touches is folded again from its whole
 * stream up to the batch, and `write` stores the batch's states together (the streams beside them,
 * for what a state names only by event id).
 * Re-folding, not patching rows, keeps read models equal to the domain rules, and makes corrections,
 * retractions and replays free.
 */
export function foldingProjection<S extends AggregateState>(
  name: string,
  kind: S['kind'],
  write: (client: pg.PoolClient, states: S[], streams: ReadonlyMap<string, StoredEvent[]>) => Promise<void>,
): Projection {
  return {
    name,
    tables: [name],
    handle: handlerOf(
      (event) => isOfKind(event.subject, kind),
      async (events, client, cache = new StreamCache()) => {
        const streams = await streamsOf(client, events, touchedSubjects(events, kind), cache);
        if (streams.size === 0) return;
        await write(client, [...streams].map(([subject, stream]) => foldResolved(cache.resolve(subject, stream)) as S), streams);
      },
    ),
  };
}
