import { namedKeysOf, type AggregateKind } from '../catalog.js';
import { canonicalJson } from '../canonical-json.js';
import { highestConfidence } from '../confidence.js';
import type { StoredEvent } from '../envelope/envelope.types.js';
import type { Source } from '../envelope/source.schema.js';
import { resolveMeta, type MetaProblem, type ResolvedMeta } from '../meta/resolve-meta.js';
import { sortByRecorded, sortByValidTime } from '../ordering/sort-events.js';
import { kindOfSubject } from '../subject.js';
import { upcast } from '../upcast/upcast.js';
import type { Bookkeeping } from './bookkeeping.js';
import type { Provenance } from './provenance.js';
import type { Fact } from './fact.js';

/** What a stream says about itself, whatever its aggregate: folded states carry it beside their facts. */
export type StreamBookkeeping = Omit<Bookkeeping, 'provenance' | 'details'> & Pick<Provenance, 'retracted_event_ids'>;

export interface ResolvedStream {
  kind: AggregateKind;
  /** Counted events, corrections applied, each with its effective confidence, in the order rules and folds see them. */
  facts: Fact[];
  bookkeeping: StreamBookkeeping;
}

/** The data keys the type's schema does not name. */
function unnamed(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const named = namedKeysOf(type);
  return Object.fromEntries(Object.entries(data).filter(([key]) => !named.has(key)));
}

function distinctSources(events: readonly StoredEvent[]): Source[] {
  const unique = new Map(events.map((e) => [canonicalJson(e.source), e.source]));
  return [...unique.entries()]
    .sort(([a, sa], [b, sb]) => sa.source_id.localeCompare(sb.source_id) || a.localeCompare(b))
    .map(([, source]) => source);
}

/**
 * The facts of a stream as rules see them: upcast, meta-events applied, sorted by valid time (company
 * streams by recording). `onProblem` receives broken meta-events (checkAppend throws them). Without
 * the bookkeeping, which the rule checks of every write do not read.
 */
export function resolveFacts(
  subject: string,
  events: readonly StoredEvent[],
  onProblem: (problem: MetaProblem) => void = () => {},
): Pick<ResolvedStream, 'kind' | 'facts'> & Omit<ResolvedMeta, 'facts'> {
  const kind = kindOfSubject(subject);
  const { facts, ...resolved } = resolveMeta(events.map(upcast), onProblem);
  const withDetails: Fact[] = facts.map((f) => ({ ...f, details: unnamed(f.type, f.data) }));
  return { kind, facts: kind === 'company' ? sortByRecorded(withDetails) : sortByValidTime(withDetails), ...resolved };
}

/** A stream as read models see it: its facts (resolveFacts) and what it says about itself. */
export function resolveStream(
  subject: string,
  events: readonly StoredEvent[],
  onProblem: (problem: MetaProblem) => void = () => {},
): ResolvedStream {
  const { kind, facts, applied, retracted_event_ids } = resolveFacts(subject, events, onProblem);
  return {
    kind,
    facts,
    bookkeeping: {
      subject,
      version: events.reduce((max, e) => Math.max(max, e.version), 0),
      last_global_position: events.reduce((max, e) => Math.max(max, e.global_position), 0),
      sources: distinctSources([...facts, ...applied]),
      confidence: highestConfidence(facts.map((f) => f.confidence)),
      retracted_event_ids,
    },
  };
}
