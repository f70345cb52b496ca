import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from '@jest/globals';
import type { NewEvent } from '@newsledger/domain';
import { EventStore, whenCaughtUp } from '@newsledger/event-store';
import type { TestApp, TestDatabase } from '@newsledger/testing';
import { PROJECTIONS } from '../projections.js';

/** Appends each event to its stream in order, as ingest would, and waits until every projection has it; the last position. */
export async function recordProjected(db: TestDatabase, events: NewEvent[]): Promise<number> {
  const store = new EventStore(db.pool);
  let head = 0;
  for (const { subject, recorded_at: _recordedAt, ...event } of events) {
    head = (await store.append(subject, [event], 'any')).events[0].global_position;
    // A millisecond of its own for each event: the API names moments to the millisecond, and `as_of`
    // an event's recorded_at covers that whole millisecond, so the next event must not share it.
    await sleep(1);
  }
  await Promise.all(PROJECTIONS.map((projection) => whenCaughtUp(db.pool, projection.name, head)));
  return head;
}

/** A GET against the app that expects `status` (the failure names the path) and returns the parsed body. */
export function jsonGetter(app: () => TestApp) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked with matchers, not types
  return async <T = Record<string, any>>(path: string, status = 200): Promise<T> => {
    const response = await app().request(path);
    expect({ path, status: response.status }).toEqual({ path, status });
    return (await response.json()) as T;
  };
}
