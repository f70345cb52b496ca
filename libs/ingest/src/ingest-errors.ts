/** A proposal (at `index` in its batch) failed envelope or data validation. */
export class ProposalInvalid extends Error {
  readonly code = 'event.invalid';
  constructor(readonly errors: { path: string; message: string }[]) {
    super(`${errors.length} invalid field(s): ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
}

/** One event's serialised size is over the limit API.md sets. */
export class EventTooLarge extends Error {
  readonly code = 'event.too_large';
  constructor(
    readonly index: number,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`Event ${index} is ${bytes} bytes; the limit is ${limit}.`);
  }
}

/** Wraps an error with the position of the offending event in a batch or import chunk. */
export class BatchItemFailed extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`Event ${index}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
