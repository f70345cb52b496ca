import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { canonicalJson, checkAppend, parseProposal, RuleViolation, type NewEvent, type StoredEvent, type Warning } from '@newsledger/domain';
import { EventIdConflict, EventStore, WrongExpectedVersion, type EventToAppend, type RecordedEvent } from '@newsledger/event-store';
import { BatchItemFailed, EventTooLarge, ProposalInvalid } from './ingest-errors.js';
import { idempotentEventId } from './idempotency.js';
import { RecordEventsCommand, type RecordedResult, type WriterContext } from './record-events.command.js';

export const MAX_EVENT_BYTES = 256 * 1024;
// A writer that named no expected version loses a race only to another writer of the same
// stream; it is safe to load, decide and append again.
const ATTEMPTS_WITHOUT_EXPECTATION = 5;

interface Proposal {
  index: number;
  event: NewEvent;
  expectedVersion: number | null;
  warnings: Warning[];
}

/** Load the streams, decide with the domain rules, append with the versions that were loaded. */
@CommandHandler(RecordEventsCommand)
export class RecordEventsHandler implements ICommandHandler<RecordEventsCommand> {
  constructor(private readonly store: EventStore) {}

  async execute({ proposals, writer }: RecordEventsCommand): Promise<RecordedResult[]> {
    const parsed = proposals.map((input, index) => parse(input, index, writer, proposals.length));
    const clientChoseVersions = parsed.some((p) => p.expectedVersion !== null);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.record(parsed, writer);
      } catch (error) {
        const lostRace = error instanceof BatchItemFailed && error.cause instanceof WrongExpectedVersion;
        if (!lostRace || clientChoseVersions || attempt >= ATTEMPTS_WITHOUT_EXPECTATION) throw error;
      }
    }
  }

  private async record(proposals: Proposal[], writer: WriterContext): Promise<RecordedResult[]> {
    // A retried request's events are found by id; the streams are read for every subject, fresh or not.
    const { found, streams } = await this.store.findAndReadStreams(
      proposals.map((p) => p.event.event_id),
      [...new Set(proposals.map((p) => p.event.subject))],
    );
    const stored = new Map(found.map((e) => [e.event_id, e]));
    const results = new Map<number, RecordedResult>();
    const fresh: Proposal[] = [];
    for (const proposal of proposals) {
      const existing = stored.get(proposal.event.event_id);
      if (!existing) fresh.push(proposal);
      else if (sameContent(existing, proposal.event)) results.set(proposal.index, resultOf(existing, proposal.warnings, true));
      else throw new BatchItemFailed(proposal.index, new EventIdConflict(proposal.event.event_id));
    }

    const bySubject = groupBySubject(fresh);
    const batches: { subject: string; expected: number; events: EventToAppend[] }[] = [];
    const now = new Date().toISOString();
    for (const [subject, group] of bySubject) {
      const history = streams.get(subject)!;
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

    if (batches.length > 0) {
      try {
        const appended = await this.store.appendMany(batches);
        appended.forEach((result, b) => {
          const group = bySubject.get(batches[b].subject)!;
          result.events.forEach((event, i) => {
            results.set(group[i].index, { ...event, subject: result.subject, warnings: group[i].warnings, duplicate: false });
          });
        });
      } catch (error) {
        if (error instanceof WrongExpectedVersion) {
          throw new BatchItemFailed(bySubject.get(error.subject)?.[0].index ?? 0, error);
        }
        throw error;
      }
    }
    return proposals.map((p) => results.get(p.index)!);
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

/** The proposed event a rule violation names, else the first of its stream's group. */
function blamedIndex(error: unknown, group: Proposal[]): number {
  if (error instanceof RuleViolation) {
    const named = group.find((p) => error.events.includes(p.event.event_id));
    if (named) return named.index;
  }
  return group[0].index;
}

const CONTENT_FIELDS = ['type', 'subject', 'occurred_on', 'occurred_precision', 'data', 'source'] as const;

/** Key order and absent-versus-undefined do not count: jsonb keeps neither. */
function sameContent(stored: RecordedEvent, proposed: NewEvent): boolean {
  return CONTENT_FIELDS.every((field) => canonicalJson(stored[field]) === canonicalJson(proposed[field]));
}

function resultOf(event: RecordedEvent, warnings: Warning[], duplicate: boolean): RecordedResult {
  const { event_id, subject, version, global_position, recorded_at } = event;
  return { event_id, subject, version, global_position, recorded_at, warnings, duplicate };
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
