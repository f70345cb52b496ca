import { aggregateOf, dataSchemaFor } from '../catalog.js';
import { isMetaType } from '../meta/meta.events.js';
import { currentSchemaVersion, upcast } from '../upcast/upcast.js';
import { companyIdsIn } from './company-refs.js';
import { envelopeSchema, type Envelope } from './envelope.schema.js';
import type { FieldError, NewEvent, ProposalResult, Warning } from './envelope.types.js';
import { classifyIssues } from './issues.js';
import { nonJsonPath } from './json-value.js';
import type { Source } from './source.schema.js';
import { validTimeErrors } from './valid-time.rule.js';

interface Checked {
  errors: FieldError[];
  warnings: Warning[];
}

const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

const keptAs = (path: readonly PropertyKey[]) =>
  path[0] === 'data' || path[0] === 'source' ? 'not named in the catalog; kept verbatim' : 'not part of the envelope; ignored';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The data, lifted to the type's current schema version, checked against its schema (unknown types pass). */
function checkData(type: unknown, data: unknown, schemaVersion: unknown): Checked & { data?: Record<string, unknown> } {
  if (typeof type !== 'string' || !isRecord(data)) return { errors: [], warnings: [] };
  const version = typeof schemaVersion === 'number' ? schemaVersion : 1;
  const current = currentSchemaVersion(type);
  if (version > current)
    return { errors: [{ path: '/schema_version', message: `'${type}' is at schema version ${current}` }], warnings: [] };
  const lifted = upcast({ type, schema_version: version, data: structuredClone(data) }).data;
  const result = dataSchemaFor(type)?.safeParse(lifted);
  return {
    ...(result?.success === false ? classifyIssues(result.error.issues, ['data'], keptAs) : { errors: [], warnings: [] }),
    data: lifted,
  };
}

/**
 * Validates one envelope (POST /v1/events body or import line). Named fields are checked strictly;
 * unnamed `data`/`source` fields are kept and reported as warnings. An unknown type passes here
 * (checkAppend answers it with UnknownEventType). `newId` supplies an event_id when absent. Never throws.
 */
export function parseProposal(input: unknown, newId: () => string): ProposalResult {
  const notJson = nonJsonPath(input);
  if (notJson !== null) return { ok: false, errors: [{ path: notJson, message: 'not a JSON value' }] };
  const parsed = envelopeSchema.safeParse(input);
  const head: Checked = parsed.success ? { errors: [], warnings: [] } : classifyIssues(parsed.error.issues, [], keptAs);
  const body = isRecord(input) ? input : {};
  // A type of another aggregate is checkAppend's 422, not a data schema's 400.
  const fitsSubject =
    typeof body.type === 'string' && typeof body.subject === 'string' && (isMetaType(body.type) || aggregateOf(body.type) === aggregateOf(body.subject));
  const checked = fitsSubject
    ? checkData(body.type, body.data, body.schema_version)
    : { errors: [], warnings: [], data: isRecord(body.data) ? structuredClone(body.data) : undefined };
  const errors = [...head.errors, ...checked.errors];
  if (errors.length > 0 || checked.data === undefined) return { ok: false, errors };

  // Only unnamed keys (if anything) failed, so the input is a valid envelope.
  const raw = body as Envelope;
  const timeErrors = validTimeErrors(raw.occurred_on, raw.occurred_precision, isMetaType(raw.type));
  if (timeErrors.length > 0) return { ok: false, errors: timeErrors };

  const event: NewEvent = {
    event_id: raw.event_id ?? newId(),
    type: raw.type,
    subject: raw.subject,
    occurred_on: raw.occurred_on,
    occurred_precision: raw.occurred_precision,
    data: checked.data,
    source: structuredClone(raw.source as Source),
    companies: sortedUnique([
      ...(raw.companies ?? []),
      ...companyIdsIn(checked.data),
      ...(raw.subject.startsWith('company:') ? [raw.subject] : []),
    ]),
    regions: sortedUnique(raw.regions ?? []),
    correlation_id: raw.correlation_id ?? null,
    recorded_at: raw.recorded_at ?? null,
    schema_version: currentSchemaVersion(raw.type),
  };
  return { ok: true, event, expected_version: raw.expected_version ?? null, warnings: [...head.warnings, ...checked.warnings] };
}
