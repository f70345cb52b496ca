import { aggregate } from './aggregates.js';
import { aggregateOf, isKnownEventType } from './catalog.js';
import type { NewEvent, StoredEvent } from './envelope/envelope.types.js';
import { InvalidSubject, RuleViolation, UnknownEventType } from './errors.js';
import { isMetaType } from './meta/meta.events.js';
import { resolveFacts } from './stream/resolve-stream.js';
import { kindOfSubject } from './subject.js';

function assertBelongs(subject: string, event: NewEvent): void {
  if (event.subject !== subject)
    throw new InvalidSubject(event.subject, `event ${event.event_id} is for '${event.subject}', not '${subject}'`);
  if (!isKnownEventType(event.type)) throw new UnknownEventType(event.type, subject);
  if (!isMetaType(event.type) && aggregateOf(event.type) !== aggregateOf(subject))
    throw new UnknownEventType(event.type, subject, 'event.wrong_aggregate');
}

/**
 * Would appending `proposed` (in order) to `history` break a rule? Re-checks the whole stream in
 * valid-time order, so a late fact is judged where it belongs. `now` is the proposals' recorded_at
 * (unless a backfill carries its own). Throws UnknownEventType, MetaTargetNotFound or RuleViolation.
 */
export function checkAppend(subject: string, history: StoredEvent[], proposed: NewEvent[], now: string): void {
  const kind = kindOfSubject(subject);
  proposed.forEach((event) => assertBelongs(subject, event));

  const version = history.reduce((max, e) => Math.max(max, e.version), 0);
  const position = history.reduce((max, e) => Math.max(max, e.global_position), 0);
  const appended: StoredEvent[] = proposed.map((event, i) => ({
    ...event,
    version: version + i + 1,
    global_position: position + i + 1,
    recorded_at: event.recorded_at ?? now,
  }));
  const proposedIds = proposed.map((e) => e.event_id);

  const { facts } = resolveFacts(subject, [...history, ...appended], (problem) => {
    throw problem instanceof RuleViolation ? problem.involving(proposedIds) : problem;
  });
  const { initial, evolve, decide } = aggregate(kind);
  let state = initial(subject);
  facts.forEach((fact, i) => {
    try {
      decide(state, fact);
    } catch (error) {
      // A late fact can break a rule further down the stream: the violation then names the proposal too.
      throw error instanceof RuleViolation && !proposedIds.includes(fact.event_id) ? error.involving(proposedIds) : error;
    }
    // No rule looks at the state after the last fact: folding it in would be work for nothing.
    if (i < facts.length - 1) state = evolve(state, fact);
  });
}
