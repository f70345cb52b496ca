import { Command } from '@nestjs/cqrs';
import type { Warning } from '@newsledger/domain';

/** Who is writing, and what they may do: only admin keys keep a supplied `recorded_at`. */
export interface WriterContext {
  allowRecordedAt: boolean;
  apiKeyId: string | null;
  requestId: string | null;
  /** `Idempotency-Key`: stands in for event ids the client did not choose. */
  idempotencyKey: string | null;
}

export interface RecordedResult {
  event_id: string;
  subject: string;
  version: number;
  global_position: number;
  recorded_at: string;
  warnings: Warning[];
  /** True when this event was already in the ledger with the same content (answered 200, not 201). */
  duplicate: boolean;
}

/** Append proposed envelopes (one request, one batch or one import chunk) all or nothing. */
export class RecordEventsCommand extends Command<RecordedResult[]> {
  constructor(
    readonly proposals: readonly unknown[],
    readonly writer: WriterContext,
  ) {
    super();
  }
}
