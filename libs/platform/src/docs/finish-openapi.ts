import type { OpenAPIObject } from '@nestjs/swagger';
import type { Scope } from '../auth/scopes.js';
import { openApiSchema } from '../http/zod-pipe.js';
import { SHARED_SCHEMAS } from './api-docs.decorator.js';
import { problemResponse, problemSchema } from './problem-schema.js';

export interface RouteAccess {
  public: boolean;
  scopes: Scope[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { description?: string; [key: string]: unknown };
}

interface Operation {
  operationId?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

// Path parameters are named alike across routes; what they take depends on the collection they index.
const PATH_PARAMETERS: Record<string, string> = {
  subject: 'A full subject, `<aggregate>:<slug>` (`acquisition:meta-manus-2025`).',
  name: 'A read model name, as `GET /v1/projections` lists them (`rm_companies`).',
};
const ID_BY_COLLECTION: Record<string, string> = {
  'api-keys': "The key's id (a UUID), as `GET /v1/api-keys` lists it.",
  subscriptions: "The subscription's id, as its creation returned it.",
  deliveries: "The delivery's id, as the subscription's delivery log lists it.",
  replays: "The replay's id (`replay_id` in the replay request's answer).",
};

// The API's query vocabulary (docs/api.md); a field's own `.meta({ description })` in its zod schema wins.
const QUERY_PARAMETERS: Record<string, string> = {
  limit: 'How many items per page, 1–500 (50 by default).',
  cursor: "Where the next page starts: the previous page's `next_cursor`, as it was returned.",
  after: 'Start after this global position (0: from the start of the log).',
  type: 'An event type (`acquisition.review_opened`) or a family prefix (`acquisition.` or `acquisition.*`).',
  subject: 'Only the events of this subject (`acquisition:meta-manus-2025`).',
  company: 'A company slug or subject (`zhipu` or `company:zhipu`).',
  min_position:
    'Read your writes: wait (up to 5 s) until this read model has processed the event at this global position, else answer 503.',
  status: 'Only items in this status.',
  q: 'Words of a name or alias, in any script; case, diacritics, spaces and dots are ignored (`zhipu`, `智谱`, `z.ai`).',
  country: 'An ISO 3166-1 alpha-2 country code (`CN`).',
  unresolved: '`true`: only companies referenced by events but never registered.',
  jurisdiction: 'A jurisdiction code (ISO 3166-1 alpha-2, or `EU`).',
  authority: "An authority's code (`SAMR`, `CFIUS`).",
  destination: 'A destination region code (ISO 3166-1 alpha-2).',
  venue: 'The venue as an ISO 10383 MIC (`XHKG`).',
  from: 'Listed on or after this date (YYYY-MM-DD).',
  to: 'Listed on or before this date (YYYY-MM-DD).',
  side: '`export` or `import`.',
  kind: 'The kind of licence or approval.',
  group_by: 'Group by `venue` (default), `month` or `year` listed.',
};

function describePathParameter(path: string, parameter: Parameter): string {
  if (PATH_PARAMETERS[parameter.name]) return PATH_PARAMETERS[parameter.name];
  const collection = /\/v1\/([^/]+)\/\{id\}/.exec(path)?.[1] ?? '';
  if (ID_BY_COLLECTION[collection]) return ID_BY_COLLECTION[collection];
  // Read-model collections are named after their aggregate: /v1/acquisitions/{id} takes `acquisition:<slug>` or the slug.
  const kind = collection === 'companies' ? 'company' : collection.replace(/s$/, '');
  return `The ${kind}'s slug, or its full subject \`${kind}:<slug>\` (both name the same resource).`;
}

/** One entry per parameter (Nest lists a header twice when both @ApiHeader and @Headers name it), every one described. */
function finishParameters(path: string, parameters: Parameter[]): Parameter[] {
  const byName = new Map<string, Parameter>();
  for (const parameter of parameters) {
    const key = `${parameter.in}:${parameter.name.toLowerCase()}`;
    const seen = byName.get(key);
    // The documented declaration (the one with a description) wins; a header is optional if either says so.
    const merged: Parameter = seen
      ? {
          ...(seen.description ? parameter : seen),
          ...(seen.description ? seen : parameter),
          required: Boolean(seen.required && parameter.required),
        }
      : { ...parameter };
    merged.description ??= merged.schema?.description ?? (merged.in === 'query' ? QUERY_PARAMETERS[merged.name] : undefined);
    if (merged.in === 'path') merged.description ??= describePathParameter(path, merged);
    byName.set(key, merged);
  }
  return [...byName.values()];
}

/** Every route but health and metrics counts against the rate limits (http/rate-limits.ts). */
function isRateLimited(path: string): boolean {
  return !/^\/(health|metrics)(\/|$)/.test(path);
}

function problemStatuses(path: string, operation: Operation, access: RouteAccess | undefined): number[] {
  const statuses = new Set<number>();
  if ((operation.parameters ?? []).some((p) => p.in !== 'path') || operation.requestBody) statuses.add(400);
  if (!access?.public) statuses.add(401);
  if (access?.scopes.length) statuses.add(403);
  if (path.includes('{')) statuses.add(404);
  if (isRateLimited(path)) statuses.add(429);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

function finishOperation(path: string, operation: Operation, access: RouteAccess | undefined, scheme: string): void {
  if (operation.parameters) operation.parameters = finishParameters(path, operation.parameters);
  for (const status of problemStatuses(path, operation, access)) operation.responses[String(status)] ??= problemResponse(status);
  if (access?.public) {
    operation.security = [];
    return;
  }
  // OpenAPI 3.1 lets a non-OAuth scheme list roles: the scopes the key must hold.
  operation.security = [{ [scheme]: access?.scopes ?? [] }];
  const needs = access?.scopes.length
    ? `Needs a key with the scope ${access.scopes.map((s) => `\`${s}\``).join(', ')} (or \`admin\`).`
    : 'Needs any valid key.';
  operation.description = operation.description ? `${operation.description}\n\n${needs}` : needs;
}

/**
 * Finishes Nest's generated document: each operation's security from the guard's own metadata (public, or the
 * scopes it needs), its problem responses as application/problem+json, every parameter once and described.
 */
export function finishOpenApi(document: OpenAPIObject, access: ReadonlyMap<string, RouteAccess>, scheme: string): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) finishOperation(path, operation, access.get(operation.operationId ?? ''), scheme);
    }
  }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...Object.fromEntries(SHARED_SCHEMAS), Problem: openApiSchema(problemSchema, 'output') },
  };
  return document;
}
