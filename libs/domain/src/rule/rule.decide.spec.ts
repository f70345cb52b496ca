import { describe, it } from '@jest/globals';
import { RuleViolation } from '../errors.js';
import { day, event } from '../testing/events.js';
import { given } from '../testing/given.js';

const R = 'rule:us-bis-2023-10-17-advanced-computing';
const issued = event(
  'rule.issued',
  R,
  { authority: { code: 'US-BIS' }, title: 'Advanced computing items', destinations: ['CN'] },
  { on: '2023-10-17' },
);
const amended = event('rule.amended', R, { summary: 'adds H20', effective_on: '2025-04-15' }, { on: '2025-04-15' });
const rescinded = event('rule.rescinded', R, {}, { on: '2025-12-08' });

describe('export-control rule', () => {
  it('goes in_force → rescinded, with amendments on the way', () => {
    given(issued, amended)
      .when(rescinded)
      .then({ status: 'rescinded', amendments: [{ summary: 'adds H20' }], rescinded_on: day('2025-12-08') });
  });

  it('is issued once and takes nothing after rescission', () => {
    given(issued)
      .when(event('rule.issued', R, { authority: { code: 'US-BIS' }, title: 'again' }, { on: '2024-01-01', id: 'again' }))
      .thenThrows(RuleViolation, {
        code: 'rule.already_issued',
        state: 'in_force',
      });
    const lateAmendment = event('rule.amended', R, { summary: 'too late' }, { on: '2026-01-05' });
    given(issued, rescinded)
      .when(lateAmendment)
      .thenThrows(RuleViolation, { code: 'rule.rescinded', state: 'rescinded', events: ['rescinded', 'amended'] });
    // Valid-time order: an amendment dated before the rescission is history, not a breach.
    given(issued, rescinded)
      .when(amended)
      .then({ status: 'rescinded', amendments: [{ summary: 'adds H20' }] });
  });
});
