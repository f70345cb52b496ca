import { assertNever } from '../assert-never.js';
import { RuleViolation } from '../errors.js';
import { decideReview } from '../review/review.decide.js';
import { typed, type Fact } from '../stream/fact.js';
import { statedEvent } from '../stream/provenance.js';
import type { LISTING_EVENTS } from './listing.events.js';
import type { ListingState, ListingStatus } from './listing.state.js';
import { LISTING_RULES } from './listing.rules.js';
import { sentenceOf } from '../stream/rule-sentences.js';

// The line planned → filed → marketing → priced → trading → delisted; forward skips are fine.
const STAGE: Record<Exclude<ListingStatus, 'postponed' | 'withdrawn'>, number> = {
  none: -1,
  planned: 0,
  filed: 1,
  marketing: 2,
  priced: 3,
  trading: 4,
  delisted: 5,
};

function stageOf(state: ListingState): number {
  const status = state.status === 'postponed' ? (state.postponed_from ?? 'none') : state.status;
  return status === 'postponed' || status === 'withdrawn' ? -1 : STAGE[status];
}

/** Throws when `fact` cannot happen to a listing in `state`. */
export function decideListing(state: ListingState, fact: Fact): void {
  const violation = (code: string, rule = sentenceOf(LISTING_RULES, code, fact.type)) =>
    new RuleViolation(`listing.${code}`, rule, state.status, [statedEvent(state.provenance, 'status'), fact.event_id]);
  const forwardTo = (target: keyof typeof STAGE) => {
    if (STAGE[target] < stageOf(state)) throw violation('invalid_transition');
  };

  if (state.status === 'withdrawn' || state.status === 'delisted') throw violation('closed');

  const e = typed<typeof LISTING_EVENTS>(fact);
  switch (e.type) {
    case 'listing.plan_reported':
      return forwardTo('planned');
    case 'listing.filed':
      return forwardTo('filed');
    case 'listing.terms_set':
    case 'listing.terms_revised':
      return forwardTo('marketing');
    case 'listing.priced':
      return forwardTo('priced');
    case 'listing.trading_started':
      return forwardTo('trading');
    case 'listing.postponed':
      if (stageOf(state) >= STAGE.priced) throw violation('invalid_transition');
      return;
    case 'listing.resumed':
      if (state.status !== 'postponed') throw violation('not_postponed');
      return;
    case 'listing.withdrawn':
      if (stageOf(state) >= STAGE.trading) throw violation('withdrawn_after_trading');
      return;
    case 'listing.price_move_reported':
    case 'listing.delisted':
      if (state.status !== 'trading')
        throw violation('not_trading', `Only a trading listing can have a ${e.type === 'listing.delisted' ? 'delisting' : 'price move'}.`);
      return;
    case 'listing.review_opened':
    case 'listing.review_phase_changed':
    case 'listing.review_deadline_extended':
    case 'listing.review_suspended':
    case 'listing.review_resumed':
    case 'listing.review_decided':
    case 'listing.review_closed_without_decision':
    case 'listing.review_withdrawn':
      return decideReview('listing', state, fact);
    default:
      return assertNever(e);
  }
}
