/** A rule of an aggregate in one sentence, and the event types it constrains (`decide` throws it as a RuleViolation). */
export interface RuleSentence {
  /** The RuleViolation code's last part (`listing.<code>`). */
  code: string;
  sentence: string;
  /** The types it constrains; `'*'` for every type of the aggregate. */
  types: readonly string[] | '*';
}
