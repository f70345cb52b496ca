import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema } from '../http/zod-pipe.js';
import { problemResponse } from './problem-schema.js';

type Schema = z.ZodType | Record<string, unknown>;

/** Schemas several operations share, by component name: the document lists each once under components/schemas. */
export const SHARED_SCHEMAS = new Map<string, Record<string, unknown>>();

/**
 * A schema shared by name: `$ref`s to one components/schemas entry instead of a copy per operation. `parts` names
 * sub-schemas it repeats (the source block of every event variant, say), which become components of their own.
 */
export function sharedSchema(name: string, schema: z.ZodType, parts: Record<string, z.ZodType> = {}): Record<string, unknown> {
  if (!SHARED_SCHEMAS.has(name)) {
    const registry = z.registry<{ id: string }>();
    for (const [id, part] of Object.entries(parts)) registry.add(part, { id });
    const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', metadata: registry });
    // zod refers to named parts inside its own document (#/$defs/…); in OpenAPI they live under components/schemas.
    const {
      $schema: _dialect,
      $defs = {},
      ...root
    } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as {
      $defs?: Record<string, Record<string, unknown>>;
    } & Record<string, unknown>;
    SHARED_SCHEMAS.set(name, root);
    for (const [id, definition] of Object.entries($defs)) SHARED_SCHEMAS.set(id, definition);
  }
  return { $ref: `#/components/schemas/${name}` };
}

export interface OperationDocs {
  /** One line, the operation's name in generated clients and the docs' menu. */
  summary: string;
  /** What it does and what to expect, in a few sentences (markdown). */
  description: string;
  /** The validated body: the same zod schema the route's pipe parses, with an example. */
  body?: { schema: Schema; example: unknown; description?: string };
  /** The success answer; `schema` absent for answers without a body (204). */
  response: {
    status: number;
    description: string;
    schema?: Schema;
    example?: unknown;
    headers?: Record<string, { description: string; schema: object }>;
  };
  /** Other success answers (a 200 beside a 201, say). */
  extraResponses?: OperationDocs['response'][];
  /** Problem statuses this operation answers beyond those every operation of its kind can (400, 401, 403, 404 are added from its parameters and scopes). */
  problems?: number[];
}

function jsonSchemaOf(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  return schema instanceof z.ZodType ? openApiSchema(schema, io) : schema;
}

/** An operation's documentation in one place: summary, description, body and answer with their examples, its problems. */
export function ApiDocs(docs: OperationDocs): MethodDecorator {
  const decorators = [
    ApiOperation({ summary: docs.summary, description: docs.description }),
    // Wrapped in the route's media types (application/json unless @ApiProduces says otherwise).
    ...[docs.response, ...(docs.extraResponses ?? [])].map((response) =>
      ApiResponse({
        status: response.status,
        description: response.description,
        headers: response.headers,
        ...(response.schema ? { schema: jsonSchemaOf(response.schema, 'output'), example: response.example } : {}),
      } as ApiResponseOptions),
    ),
  ];
  if (docs.body) {
    decorators.push(
      ApiBody({
        description: docs.body.description,
        required: true,
        schema: jsonSchemaOf(docs.body.schema, 'input'),
        examples: { example: { summary: 'An example', value: docs.body.example } },
      }),
    );
  }
  if (docs.problems?.length) decorators.push(ApiProblems(...docs.problems));
  return applyDecorators(...decorators);
}

/** Problem answers (application/problem+json) an operation can give beyond those its parameters and scopes imply. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) } as ApiResponseOptions)));
}
