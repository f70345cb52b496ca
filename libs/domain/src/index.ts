// Public contract of @newsledger/domain: pure, imports nothing but zod and fast-json-patch.
export { CONFIDENCE_ORDER, confidenceRank, effectiveConfidence, type Confidence } from './confidence.js';
export { FIRST_YEAR, LAST_YEAR, datedOf, isoDate, isoTimestamp, type Precision, type Dated } from './values/dates.js';
export { moneyOf, type Money, type MoneyValue, type ExactAmount } from './values/money.js';
export { companyIdOf, sameCompany, type CompanyRef } from './values/company-ref.js';
export { AUTHORITY_CODE_PATTERN, authorityCodeOf, type AuthorityRef } from './values/authority-ref.js';
export { micOf, type Venue } from './values/venue.js';
export type { Window } from './values/window.js';
export type { ProductRef } from './values/product-ref.js';
export type { Consideration } from './values/consideration.js';
export type { Change } from './values/changes.js';
export type { Conditions, Fees } from './values/conditions.js';
export type { Source } from './envelope/source.schema.js';
export type { NewEvent, StoredEvent, ProposalResult, FieldError, Warning } from './envelope/envelope.types.js';
export { parseProposal } from './envelope/parse-proposal.js';
export { envelopeSchema } from './envelope/envelope.schema.js';
export { sourceSchema } from './envelope/source.schema.js';
export { DomainError, UnknownEventType, MetaTargetNotFound, MetaTargetInvalid, InvalidSubject, RuleViolation } from './errors.js';
export { checkAppend } from './check-append.js';
export { foldResolved, foldSubject } from './fold-subject.js';
export type { AggregateState } from './aggregates.js';
export { aggregateOf, isKnownEventType, EVENT_TYPES, dataSchemaFor, type AggregateKind } from './catalog.js';
export { isMetaType } from './meta/meta.events.js';
export { isValidSubject } from './subject.js';
export { resolveStream, type ResolvedStream } from './stream/resolve-stream.js';
export type { Fact } from './stream/fact.js';
export type { Bookkeeping } from './stream/bookkeeping.js';
export { statedEvent, type Provenance, type StatedBy } from './stream/provenance.js';
export { intervalOf, type Interval } from './ordering/valid-time.js';
export { sortByValidTime } from './ordering/sort-events.js';
export { eventsValidAt, validFrom } from './ordering/valid-at.js';
export { upcast, currentSchemaVersion, createUpcaster, type Upcaster, type UpcasterRegistry } from './upcast/upcast.js';
export { normalizeName } from './company/normalize-name.js';
export { canonicalJson } from './canonical-json.js';
export type { CompanyState, Alias, KeyPerson } from './company/company.state.js';
export type { ListingState, ListingStatus } from './listing/listing.state.js';
export type { PriceRange } from './listing/listing.events.js';
export type { AcquisitionState, AcquisitionStatus, DealStage, Amendment } from './acquisition/acquisition.state.js';
export type { AcquisitionTerms } from './acquisition/acquisition.events.js';
export type { ReviewState, ReviewStatus } from './review/review.state.js';
export type { Regime, Phase, Outcome } from './review/review.events.js';
export type {
  ChipTradeState,
  ExportSide,
  ImportSide,
  ExportState,
  ImportState,
  ExportApplication,
  ExportLicence,
  ImportApproval,
  ImportRestriction,
} from './chiptrade/chiptrade.state.js';
export type { RuleState, RuleStatus } from './rule/rule.state.js';
export type { SignalState, SignalFact } from './signal/signal.state.js';
export { describeCatalog, type CatalogEntry } from './catalog-description.js';
