import { expect } from '@jest/globals';
import type { AggregateState } from '../aggregates.js';
import { checkAppend } from '../check-append.js';
import type { NewEvent, StoredEvent } from '../envelope/envelope.types.js';
import { foldSubject } from '../fold-subject.js';
import { recordedAt, stored } from './events.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Given/when/then over checkAppend and foldSubject. `given` appends its events one at a time (each must be
 * accepted, so a broken setup fails loudly); `when` proposes events in one append;
 * `then` expects acceptance and matches the folded state; `thenThrows` expects the error.
 */
export function given(...history: NewEvent[]) {
  const log: StoredEvent[] = [];
  for (const e of history) {
    checkAppend(e.subject, log, [e], recordedAt(log.length));
    log.push(...stored([e], log.length));
  }
  return {
    /** The state the history folds to. */
    state: (subject = history[0].subject): AggregateState => foldSubject(subject, log),
    when(...proposed: NewEvent[]) {
      const subject = (proposed[0] ?? history[0]).subject;
      const now = recordedAt(log.length);
      const attempt = () => checkAppend(subject, log, proposed, now);
      return {
        then(expected?: object): AggregateState {
          expect(attempt).not.toThrow();
          const state = foldSubject(subject, [...log, ...stored(proposed, log.length, now)]);
          if (expected) expect(state).toMatchObject(expected);
          return state;
        },
        thenThrows<E extends ErrorClass>(errorClass: E, expected?: object): InstanceType<E> {
          let caught: unknown;
          try {
            attempt();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(errorClass);
          if (expected) expect(caught).toMatchObject(expected);
          return caught as InstanceType<E>;
        },
      };
    },
  };
}
