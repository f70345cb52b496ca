import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema } from '../http/zod-pipe.js';

/** One OpenAPI query parameter per field of the zod object a route validates, so the document says what is checked. */
export function ApiQueries(schema: z.ZodObject): MethodDecorator {
  const { properties = {}, required = [] } = openApiSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) => ApiQuery({ name, required: required.includes(name), schema: property })),
  );
}
