import type { NewEvent } from '@newsledger/domain';
import { EventStore } from '@newsledger/event-store';
import { generatedProposals } from '../../libs/read-models/src/testing/generated-ledger.js';
import { normalised } from '../../libs/read-models/src/testing/seed-events.js';
import type { ScratchDatabase } from '../lib/scratch-database.js';

const COPIES_PER_APPEND = 10;

/** Generated events as ingest would store them: copies `from`… of the seed article's world (~36 events each, ~20 streams). */
export function generatedEvents(count: number, from: number): NewEvent[] {
  return generatedProposals(count, from).map((proposal, i) => normalised(proposal, `generated event ${i}`));
}

/**
 * At least `events` generated events in the log, appended straight to the store (the proposals are
 * valid, so the rules need not be run), a few hundred per transaction, from copy `firstCopy` on.
 * Returns the copy after the last that went in (how many went in, from 0), and the head.
 */
export async function loadLedger(db: ScratchDatabase, events: number, firstCopy = 0): Promise<{ copies: number; head: number }> {
  const store = new EventStore(db.pool);
  let copies = firstCopy;
  let head = 0;
  for (let appended = 0; appended < events; copies += COPIES_PER_APPEND) {
    const batch = generatedEvents(COPIES_PER_APPEND, copies);
    const bySubject = new Map<string, NewEvent[]>();
    for (const event of batch) bySubject.set(event.subject, [...(bySubject.get(event.subject) ?? []), event]);
    const results = await store.appendMany([...bySubject].map(([subject, group]) => ({ subject, expected: 'any' as const, events: group })));
    head = Math.max(head, ...results.flatMap((r) => r.events.map((e) => e.global_position)));
    appended += batch.length;
  }
  return { copies, head };
}
