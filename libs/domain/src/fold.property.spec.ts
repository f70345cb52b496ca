import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkAppend } from './check-append.js';
import type { NewEvent } from './envelope/envelope.types.js';
import { foldSubject } from './fold-subject.js';
import { isMetaType } from './meta/meta.events.js';
import { recordedAt, stored } from './testing/events.js';
import { acquisitionHistory, chipTradeHistory, companyHistory, listingHistory, ruleHistory, signalHistory } from './testing/histories.js';

// "The same state" is the whole folded state, bookkeeping included: version and last_global_position
// count the same number of appends, sources and retracted ids are sorted sets, facts are ordered by
// valid time (every generated fact has its own day, so arrival never breaks a tie) and company lists
// are kept sorted by name. What legitimately depends on arrival is left out of the generators: undated
// facts and same-period ties (placed by recording, per DOMAIN.md) and order-dependent company events.

const HISTORIES = {
  listing: listingHistory,
  acquisition: acquisitionHistory,
  chiptrade: chipTradeHistory,
  company: companyHistory,
  rule: ruleHistory,
  signal: signalHistory,
};

/** The history with its facts in the order `order` says, meta-events after them (they need their targets). */
function arrivedIn(history: NewEvent[], order: number[]): NewEvent[] {
  const facts = history.filter((e) => !isMetaType(e.type));
  return [...order.map((i) => facts[i]), ...history.filter((e) => isMetaType(e.type))];
}

const withArrivalOrder = (history: fc.Arbitrary<NewEvent[]>) =>
  history.chain((events) => {
    const facts = events.filter((e) => !isMetaType(e.type)).map((_, i) => i);
    return fc.tuple(fc.constant(events), fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }));
  });

describe.each(Object.entries(HISTORIES))('%s histories', (_kind, history) => {
  it('are accepted one append at a time', () => {
    fc.assert(
      fc.property(history, (events) => {
        events.forEach((e, i) => checkAppend(e.subject, stored(events.slice(0, i)), [e], recordedAt(i)));
      }),
      { numRuns: 50 },
    );
  });

  it('fold to the same state whatever order they arrived in', () => {
    fc.assert(
      fc.property(withArrivalOrder(history), ([events, order]) => {
        const subject = events[0].subject;
        const late = stored(arrivedIn(events, order));
        expect(() => checkAppend(subject, late, [], recordedAt(late.length))).not.toThrow();
        expect(foldSubject(subject, late)).toEqual(foldSubject(subject, stored(events)));
      }),
      { numRuns: 100 },
    );
  });

  it('fold the same whatever the order of the array handed over', () => {
    fc.assert(
      fc.property(
        history.chain((events) => fc.tuple(fc.constant(stored(events)), fc.shuffledSubarray(stored(events), { minLength: events.length }))),
        ([log, shuffled]) => {
          expect(foldSubject(log[0].subject, shuffled)).toEqual(foldSubject(log[0].subject, log));
        },
      ),
      { numRuns: 100 },
    );
  });
});
