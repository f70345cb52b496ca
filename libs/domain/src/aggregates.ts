import { decideAcquisition } from './acquisition/acquisition.decide.js';
import { evolveAcquisition } from './acquisition/acquisition.evolve.js';
import { initialAcquisition, type AcquisitionState } from './acquisition/acquisition.state.js';
import type { AggregateKind } from './catalog.js';
import { decideChipTrade } from './chiptrade/chiptrade.decide.js';
import { evolveChipTrade } from './chiptrade/chiptrade.evolve.js';
import { initialChipTrade, type ChipTradeState } from './chiptrade/chiptrade.state.js';
import { decideCompany } from './company/company.decide.js';
import { evolveCompany } from './company/company.evolve.js';
import { initialCompany, type CompanyState } from './company/company.state.js';
import { decideListing } from './listing/listing.decide.js';
import { evolveListing } from './listing/listing.evolve.js';
import { initialListing, type ListingState } from './listing/listing.state.js';
import { decideRule } from './rule/rule.decide.js';
import { evolveRule } from './rule/rule.evolve.js';
import { initialRule, type RuleState } from './rule/rule.state.js';
import { evolveSignal } from './signal/signal.evolve.js';
import { initialSignal, type SignalState } from './signal/signal.state.js';
import type { Fact } from './stream/fact.js';

export type AggregateState = CompanyState | ListingState | AcquisitionState | ChipTradeState | RuleState | SignalState;
type StateOf<K extends AggregateKind> = Extract<AggregateState, { kind: K }>;

interface Aggregate<S> {
  initial(subject: string): S;
  evolve(state: S, fact: Fact): S;
  /** Throws RuleViolation when the fact cannot happen in `state`. */
  decide(state: S, fact: Fact): void;
}

const AGGREGATES: { [K in AggregateKind]: Aggregate<StateOf<K>> } = {
  company: { initial: initialCompany, evolve: evolveCompany, decide: decideCompany },
  listing: { initial: initialListing, evolve: evolveListing, decide: decideListing },
  acquisition: { initial: initialAcquisition, evolve: evolveAcquisition, decide: decideAcquisition },
  chiptrade: { initial: initialChipTrade, evolve: evolveChipTrade, decide: decideChipTrade },
  rule: { initial: initialRule, evolve: evolveRule, decide: decideRule },
  // Signals only accumulate facts: no rule applies.
  signal: { initial: initialSignal, evolve: evolveSignal, decide: () => {} },
};

export function aggregate(kind: AggregateKind): Aggregate<AggregateState> {
  return AGGREGATES[kind] as Aggregate<AggregateState>;
}
