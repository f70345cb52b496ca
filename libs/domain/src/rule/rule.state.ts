import type { ReviewPolicy } from '../chiptrade/chiptrade.events.js';
import { initialState, type Bookkeeping } from '../stream/bookkeeping.js';
import type { AuthorityRef } from '../values/authority-ref.js';
import type { Dated } from '../values/dates.js';
import type { Window } from '../values/window.js';

export type RuleStatus = 'none' | 'in_force' | 'rescinded';

export interface RuleState extends Bookkeeping {
  kind: 'rule';
  status: RuleStatus;
  issued: boolean;
  authority: AuthorityRef | null;
  title: string | null;
  instrument: string | null;
  fr_citation: string | null;
  published_on: Window | null;
  effective_on: Window | null;
  destinations: string[];
  review_policy: ReviewPolicy | null;
  amendments: { summary: string; effective_on: Window | null; occurred_on: Dated | null; details: Record<string, unknown> }[];
  rescinded_on: Dated | null;
  rescission_reason: string | null;
}

export function initialRule(subject: string): RuleState {
  return initialState<RuleState>(subject, {
    kind: 'rule',
    status: 'none',
    issued: false,
    authority: null,
    title: null,
    instrument: null,
    fr_citation: null,
    published_on: null,
    effective_on: null,
    destinations: [],
    review_policy: null,
    amendments: [],
    rescinded_on: null,
    rescission_reason: null,
  });
}
