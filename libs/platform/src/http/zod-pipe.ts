import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { jsonPointer } from './json-pointer.js';
import { problems } from './problem.js';

/** Validates a body or query with a zod schema; failures become a 400 problem listing each JSON-pointer path. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw problems.validation('Some fields are missing or invalid.', { errors: toFieldErrors(parsed.error) });
  }
}

export function toFieldErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: jsonPointer(issue.path),
    message: issue.message,
  }));
}

/**
 * The JSON Schema (2020-12, as OpenAPI 3.1 takes it) of a zod schema, for @ApiBody / @ApiResponse / @ApiQuery, so the
 * OpenAPI document says what is validated. `input` for what a client sends, `output` for what it gets back.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
