import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { checkAppend, parseProposal, RuleViolation, type NewEvent, type StoredEvent, type Warning } from '@newsledger/domain';
import {
  EventIdConflict,
  EventStore,
  WrongExpectedVersion,
  type AppendBatch,
  type AppendResult,
  type EventToAppend,
  type RecordedEvent,
} from '@newsledger/event-store';
import { BatchItemFailed, EventTooLarge, ProposalInvalid } from './ingest-errors.js';
import { idempotentEventId } from './idempotency.js';
import { KnownStreams } from './known-streams.js';
import { RecordEventsCommand, type RecordedResult, type WriterContext } from './record-events.command.js';

export const MAX_EVENT_BYTES = 256 * 1024;
// A writer that named no expected version loses a race only to another writer of the same
// stream; it is safe to load, decide and append again.
const ATTEMPTS_WITHOUT_EXPECTATION = 5;
// An admin may back-date recorded_at (imports of an older ledger), never forward-date it: a future
// recorded time would sit in the log before it happened. This much clock skew is forgiven.
export const RECORDED_AT_SKEW_MS = 5 * 60_000;

interface Proposal {
  index: number;
  event: NewEvent;
  expectedVersion: number | null;
  warnings: Warning[];
}

/** Load the streams, decide with the domain rules, append with the versions that were loaded. */
@CommandHandler(RecordEventsCommand)
export class RecordEventsHandler implements ICommandHandler<RecordEventsCommand> {
  private readonly known = new KnownStreams();

  constructor(private readonly store: EventStore) {}

  async execute({ proposals, writer }: RecordEventsCommand): Promise<RecordedResult[]> {
    const parsed = proposals.map((input, index) => parse(input, index, writer, proposals.length));
    const clientChoseVersions = parsed.some((p) => p.expectedVersion !== null);
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.recordFirstEvents(parsed, writer)) ?? (await this.record(parsed, writer));
      } catch (error) {
        const lostRace = error instanceof BatchItemFailed && error.cause instanceof WrongExpectedVersion;
        if (!lostRace || clientChoseVersions || attempt >= ATTEMPTS_WITHOUT_EXPECTATION) throw error;
      }
    }
  }

  /**
   * A stream this process has not seen is guessed to be new: its events are decided against an empty
   * history and appended expecting an empty stream, in one round trip instead of a read and an append.
   * The guess is checked by the append, under the stream's lock. When the stream was not empty after
   * all, or the rules or an event id need a closer look, nothing was written and null sends the request
   * down the path that reads, which answers as it always did. Only for one stream: a wrong guess then
   * costs one round trip, where a chunk over many streams would roll back many.
   */
  private async recordFirstEvents(proposals: Proposal[], writer: WriterContext): Promise<RecordedResult[] | null> {
    const bySubject = groupBySubject(proposals);
    if (bySubject.size !== 1 || this.known.has(proposals[0].event.subject)) return null;
    let batches: AppendBatch[];
    try {
      batches = decide(bySubject, () => [], writer);
    } catch {
      return null;
    }
    try {
      const results = this.answers(bySubject, batches, await this.store.appendMany(batches));
      return proposals.map((p) => results.get(p.index)!);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion || error instanceof EventIdConflict)) throw error;
      this.known.add(bySubject.keys());
      return null;
    }
  }

  private async record(proposals: Proposal[], writer: WriterContext): Promise<RecordedResult[]> {
    // A retried request's events are found by id; the streams are read for every subject, fresh or not: one round trip.
    const { found, streams } = await this.store.findAndReadStreams(
      proposals.map((p) => p.event.event_id),
      [...new Set(proposals.map((p) => p.event.subject))],
    );
    this.known.add([...streams].filter(([, history]) => history.length > 0).map(([subject]) => subject));
    const stored = new Set(found.map((e) => e.event_id));
    const results = await this.resend(proposals.filter((p) => stored.has(p.event.event_id)), writer);
    const bySubject = groupBySubject(proposals.filter((p) => !stored.has(p.event.event_id)));
    const batches = decide(bySubject, (subject) => streams.get(subject)!, writer);
    if (batches.length > 0) {
      try {
        for (const [index, result] of this.answers(bySubject, batches, await this.store.appendMany(batches))) results.set(index, result);
      } catch (error) {
        if (error instanceof WrongExpectedVersion) {
          throw new BatchItemFailed(bySubject.get(error.subject)?.[0].index ?? 0, error);
        }
        throw error;
      }
    }
    return proposals.map((p) => results.get(p.index)!);
  }

  /** The appended events' results by proposal index; their streams now hold events. */
  private answers(bySubject: Map<string, Proposal[]>, batches: AppendBatch[], appended: AppendResult[]): Map<number, RecordedResult> {
    const results = new Map<number, RecordedResult>();
    appended.forEach((result, b) => {
      const group = bySubject.get(batches[b].subject)!;
      result.events.forEach((event, i) => results.set(group[i].index, { ...event, subject: result.subject, warnings: group[i].warnings }));
    });
    this.known.add(bySubject.keys());
    return results;
  }

  /**
   * Events whose ids are already stored: whether each is a resend of the same event (answered with the
   * stored one) or an id reused for other content (409) is decided by the append function alone, in
   * SQL, which compares every content field. Nothing is written either way.
   */
  private async resend(known: Proposal[], writer: WriterContext): Promise<Map<number, RecordedResult>> {
    const results = new Map<number, RecordedResult>();
    if (known.length === 0) return results;
    const bySubject = groupBySubject(known);
    const batches = [...bySubject].map(([subject, group]) => ({ subject, expected: 'any' as const, events: group.map((p) => toAppend(p.event, writer)) }));
    let answers: AppendResult[];
    try {
      answers = await this.store.appendMany(batches);
    } catch (error) {
      if (!(error instanceof EventIdConflict)) throw error;
      throw new BatchItemFailed(known.find((p) => p.event.event_id === error.event_id)?.index ?? known[0].index, error);
    }
    const byId = new Map(known.map((p) => [p.event.event_id, p]));
    for (const answer of answers) {
      for (const { event_id, version, global_position, recorded_at, duplicate } of answer.events) {
        const proposal = byId.get(event_id)!;
        results.set(proposal.index, { event_id, subject: answer.subject, version, global_position, recorded_at, warnings: proposal.warnings, duplicate });
      }
    }
    return results;
  }
}

function parse(input: unknown, index: number, writer: WriterContext, total: number): Proposal {
  const bytes = Buffer.byteLength(JSON.stringify(input) ?? '');
  if (bytes > MAX_EVENT_BYTES) throw new BatchItemFailed(index, new EventTooLarge(index, bytes, MAX_EVENT_BYTES));
  // One Idempotency-Key covers one request; in a batch each event gets its own derived id.
  const fallbackId = () =>
    writer.idempotencyKey ? idempotentEventId(writer.apiKeyId, writer.idempotencyKey, total > 1 ? index : null) : randomUUID();
  const result = parseProposal(input, fallbackId);
  if (!result.ok) throw new BatchItemFailed(index, new ProposalInvalid(result.errors));
  const event = writer.allowRecordedAt ? result.event : { ...result.event, recorded_at: null };
  if (event.recorded_at && Date.parse(event.recorded_at) > Date.now() + RECORDED_AT_SKEW_MS) {
    throw new BatchItemFailed(index, new ProposalInvalid([{ path: '/recorded_at', message: 'must not lie in the future' }]));
  }
  return { index, event, expectedVersion: result.expected_version, warnings: result.warnings };
}

function groupBySubject(proposals: Proposal[]): Map<string, Proposal[]> {
  const groups = new Map<string, Proposal[]>();
  for (const proposal of proposals) {
    const group = groups.get(proposal.event.subject) ?? [];
    group.push(proposal);
    groups.set(proposal.event.subject, group);
  }
  return groups;
}

/**
 * Each stream's group checked against its history (the versions the client expected, then the
 * domain rules): the batches to append, expecting the versions the histories end at.
 */
function decide(bySubject: Map<string, Proposal[]>, historyOf: (subject: string) => RecordedEvent[], writer: WriterContext): AppendBatch[] {
  const batches: AppendBatch[] = [];
  const now = new Date().toISOString();
  for (const [subject, group] of bySubject) {
    const history = historyOf(subject);
    const current = history.at(-1)?.version ?? 0;
    group.forEach((proposal, offset) => {
      if (proposal.expectedVersion !== null && proposal.expectedVersion !== current + offset) {
        throw new BatchItemFailed(proposal.index, new WrongExpectedVersion(subject, proposal.expectedVersion, current + offset));
      }
    });
    try {
      checkAppend(subject, history as unknown as StoredEvent[], group.map((p) => p.event), now);
    } catch (error) {
      throw new BatchItemFailed(blamedIndex(error, group), error);
    }
    batches.push({ subject, expected: current, events: group.map((p) => toAppend(p.event, writer)) });
  }
  return batches;
}

/** The proposed event a rule violation names, else the first of its stream's group. */
function blamedIndex(error: unknown, group: Proposal[]): number {
  if (error instanceof RuleViolation) {
    const named = group.find((p) => error.events.includes(p.event.event_id));
    if (named) return named.index;
  }
  return group[0].index;
}

function toAppend(event: NewEvent, writer: WriterContext): EventToAppend {
  return {
    event_id: event.event_id,
    type: event.type,
    schema_version: event.schema_version,
    data: event.data,
    source: event.source as unknown as Record<string, unknown>,
    companies: event.companies,
    regions: event.regions,
    occurred_on: event.occurred_on,
    occurred_precision: event.occurred_precision,
    correlation_id: event.correlation_id,
    recorded_at: event.recorded_at,
    metadata: { request_id: writer.requestId, api_key_id: writer.apiKeyId, correlation_id: event.correlation_id },
  };
}
