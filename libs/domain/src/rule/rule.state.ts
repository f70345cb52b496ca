import type { ReviewPolicy } from '../chiptrade/chiptrade.events.js';
import type { AuthorityRef } from '../envelope/value-types.js';
import { emptyBookkeeping, type Bookkeeping } from '../stream/bookkeeping.js';

export type RuleStatus = 'none' | 'in_force' | 'rescinded';

export interface RuleState extends Bookkeeping {
  kind: 'rule';
  status: RuleStatus;
  status_event_id: string | null;
  issued: boolean;
  authority: AuthorityRef | null;
  title: string | null;
  instrument: string | null;
  fr_citation: string | null;
  published_on: string | null;
  effective_on: string | null;
  destinations: string[];
  review_policy: ReviewPolicy | null;
  amendments: { summary: string; effective_on: string | null; occurred_on: string | null; event_id: string }[];
  rescinded_on: string | null;
  rescission_reason: string | null;
}

export function initialRule(subject: string): RuleState {
  return {
    ...emptyBookkeeping(subject),
    kind: 'rule',
    status: 'none',
    status_event_id: null,
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
  };
}
