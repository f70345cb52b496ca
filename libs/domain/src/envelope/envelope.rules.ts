/** What every proposal must satisfy, whatever its type (parse-proposal, valid-time.rule, check-append), a sentence each. */
export const ENVELOPE_RULES: readonly string[] = [
  'The type must be in the catalog and belong to the aggregate of the subject (`<aggregate>:<slug>`).',
  "`occurred_precision` is 'unknown' exactly when `occurred_on` is null; meta-events (`fact.*`) have `occurred_on` null.",
  'With `expected_version`, the stream must be at exactly that version.',
  'The same `event_id` (or `Idempotency-Key`) with the same content is answered with the original result; with other content it is a conflict.',
];
