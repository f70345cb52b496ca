/** A rule of an aggregate in one sentence, and the event types it constrains: `decide` throws this sentence (RuleViolation.rule) and GET /v1/catalog shows it. */
export interface RuleSentence {
  /** The RuleViolation code's last part (`listing.<code>`). */
  code: string;
  sentence: string;
  /** The types it constrains; `'*'` for every type of the aggregate. */
  types: readonly string[] | '*';
}

/** The sentence of rule `code` (for `type`, when a code has one sentence per group of types): decide functions throw it. */
export function sentenceOf(rules: readonly RuleSentence[], code: string, type?: string): string {
  const rule = rules.find((r) => r.code === code && (type === undefined || r.types === '*' || r.types.includes(type)));
  if (rule === undefined) throw new Error(`no rule ${code}${type ? ` for ${type}` : ''} in the rule table`);
  return rule.sentence;
}
