import type { ExpectedVersion } from './recorded-event.js';

/** Errors of the event store carry a stable `code` and no HTTP; the API maps them to problems. */
export class EventStoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the expected version; nothing was written. */
export class WrongExpectedVersion extends EventStoreError {
  constructor(
    readonly subject: string,
    readonly expected: ExpectedVersion,
    readonly current: number,
  ) {
    super('event_store.wrong_expected_version', `stream ${subject} is at version ${current}, expected ${String(expected)}`);
  }
}

/** An event id that is already stored with other content; nothing was written. */
export class EventIdConflict extends EventStoreError {
  constructor(readonly event_id: string) {
    super('event_store.event_id_conflict', `event ${event_id} is already stored with other content`);
  }
}

/**
 * The append's transaction must be rolled back and run again: it took its transaction id before the
 * transaction that last appended to the stream (see event_store_append). Nothing was written. The
 * store retries its own transactions; a caller that passed its client retries its transaction.
 */
export class AppendRetryRequired extends EventStoreError {
  constructor(readonly subject: string) {
    super('event_store.retry_transaction', `the append to ${subject} must be retried in a new transaction`);
  }
}

// SQLSTATEs raised (or, in a group, reported) by event_store_append (infra/migrations/0002, 0016).
const STALE_EXPECTATION = 'ES001';
const ID_REUSED = 'ES002';
const SERIALIZATION_FAILURE = '40001';
const UNIQUE_VIOLATION = '23505';
const EVENT_ID_KEY = /\(event_id\)=\(([0-9a-f-]+)\)/;

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

/** The typed error for what event_store_append raised, or the error itself when it is something else. */
export function appendError(error: unknown, subject: string, expected: ExpectedVersion): unknown {
  const { code, detail = '', constraint } = (error ?? {}) as PgError;
  if (code === STALE_EXPECTATION) return new WrongExpectedVersion(subject, expected, (JSON.parse(detail) as { current: number }).current);
  if (code === ID_REUSED) return new EventIdConflict((JSON.parse(detail) as { event_id: string }).event_id);
  if (code === SERIALIZATION_FAILURE) return new AppendRetryRequired(subject);
  // An id repeated within one call, or written by a concurrent append to another stream.
  if (code === UNIQUE_VIOLATION && constraint === 'events_event_id_key') {
    return new EventIdConflict(EVENT_ID_KEY.exec(detail)?.[1] ?? 'unknown');
  }
  return error;
}
