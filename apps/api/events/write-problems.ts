import { DomainError, MetaTargetNotFound, RuleViolation, UnknownEventType } from '@newsledger/domain';
import { AppendRetryRequired, EventIdConflict, WrongExpectedVersion } from '@newsledger/event-store';
import { BatchItemFailed, EventTooLarge, ProposalInvalid } from '@newsledger/ingest';
import { ProblemException, problems, type ProblemConverter } from '@newsledger/platform';

/** How the write path's errors read over HTTP; in a batch the problem also names the failing index. */
export const writeProblems: ProblemConverter = (error) => {
  if (error instanceof BatchItemFailed) {
    const problem = writeProblems(error.cause);
    if (!problem) return null;
    return new ProblemException({ ...problem.problem, index: error.index }, problem.headers);
  }
  if (error instanceof ProposalInvalid) return problems.validation('The event is malformed.', { errors: error.errors });
  if (error instanceof EventTooLarge) return problems.tooLarge(error.message, { limit_bytes: error.limit });
  if (error instanceof WrongExpectedVersion) {
    return problems.conflict(`The stream ${error.subject} is at version ${error.current}, not ${String(error.expected)}.`, {
      code: 'event_store.wrong_expected_version',
      subject: error.subject,
      expected_version: error.expected,
      current_version: error.current,
    });
  }
  if (error instanceof EventIdConflict) {
    return problems.conflict(`Event ${error.event_id} is already recorded with different content.`, {
      code: 'event_store.event_id_conflict',
      event_id: error.event_id,
    });
  }
  if (error instanceof AppendRetryRequired) {
    return problems.unavailable('Concurrent writers to the same stream kept colliding; retry the request.', { headers: { 'retry-after': '1' } });
  }
  if (error instanceof RuleViolation) {
    return problems.conflict(error.message, { code: error.code, rule: error.rule, current_state: error.state, events: error.events });
  }
  if (error instanceof UnknownEventType || error instanceof MetaTargetNotFound) {
    return problems.unprocessable(error.message, { code: error.code });
  }
  if (error instanceof DomainError) return problems.unprocessable(error.message, { code: error.code });
  return null;
};
