/** Domain errors carry a stable `code` and no HTTP; the API maps them to problem+json. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The type is not in the catalog (`event.unknown_type`) or not of the subject's aggregate (`event.wrong_aggregate`). */
export class UnknownEventType extends DomainError {
  constructor(
    readonly type: string,
    readonly subject: string,
    code: 'event.unknown_type' | 'event.wrong_aggregate' = 'event.unknown_type',
  ) {
    super(
      code,
      code === 'event.unknown_type'
        ? `event type '${type}' is not in the catalog`
        : `event type '${type}' does not belong to the stream '${subject}'`,
    );
  }
}

/** A meta-event names an event that is not in its stream. */
export class MetaTargetNotFound extends DomainError {
  constructor(
    readonly metaEventId: string,
    readonly targetEventId: string,
    code = 'event.meta_target_not_found',
    message = `target event ${targetEventId} is not in this stream`,
  ) {
    super(code, message);
  }
}

/** The target exists but a meta-event cannot apply to it (a correction of a correction, say): still "meaningless here". */
export class MetaTargetInvalid extends MetaTargetNotFound {
  constructor(metaEventId: string, targetEventId: string, reason: string) {
    super(metaEventId, targetEventId, 'event.meta_target_invalid', reason);
  }
}

/** The subject is not `<aggregate>:<slug>` of a known aggregate, or an event was handed to the wrong stream. */
export class InvalidSubject extends DomainError {
  constructor(
    readonly subject: string,
    message = `'${subject}' is not a valid subject`,
  ) {
    super('event.invalid_subject', message);
  }
}

/** A rule of DOMAIN.md is broken; carries the rule, the state it was checked against and the events involved. */
export class RuleViolation extends DomainError {
  readonly events: string[];

  /** `events` may hold nulls (a state no event set yet); they are dropped, as are repeats. */
  constructor(
    code: string,
    readonly rule: string,
    readonly state: unknown,
    events: readonly (string | null | undefined)[],
  ) {
    super(code, rule);
    this.events = [...new Set(events.filter((id): id is string => typeof id === 'string'))];
  }

  /** The same violation, also naming `more` events (the proposal that exposed a violation further down the stream). */
  involving(more: readonly string[]): RuleViolation {
    return new RuleViolation(this.code, this.rule, this.state, [...this.events, ...more]);
  }
}
