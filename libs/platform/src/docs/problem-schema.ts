import { z } from 'zod';
import { problemType, PROBLEM_CONTENT_TYPE } from '../http/problem.js';

/** RFC 9457 problem details as the service renders them (the `Problem` interface, written as a schema for the docs). */
export const problemSchema = z
  .looseObject({
    type: z.string().meta({
      description: 'A stable URN clients match on: `urn:newsledger:problem:<code>`.',
      example: 'urn:newsledger:problem:validation',
    }),
    title: z.string().meta({ description: 'A short sentence for the kind of problem; the same for every occurrence.' }),
    status: z.number().int().meta({ description: 'The HTTP status code, repeated.' }),
    detail: z.string().optional().meta({ description: 'What went wrong this time, in one sentence.' }),
    instance: z.string().optional().meta({ description: 'The path of the request that failed.' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'JSON pointer of the field (`/data/venue`, `/headers/idempotency-key`).' }),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'Validation failures, one per field.' }),
  })
  .meta({
    description: 'An RFC 9457 problem; further members (`current_version`, `rule`, `required_scopes`…) depend on the problem type.',
  });

interface ProblemDoc {
  code: string;
  title: string;
  description: string;
}

/** What each status means across the API; operations list the ones they can answer. */
export const PROBLEM_STATUSES: Record<number, ProblemDoc> = {
  400: {
    code: 'validation',
    title: 'The request is malformed',
    description: 'A parameter, header or body field is malformed; `errors` lists each path.',
  },
  401: {
    code: 'unauthorized',
    title: 'A valid API key is required',
    description: 'No `Authorization: Bearer <key>` header, or the key is unknown or revoked.',
  },
  403: {
    code: 'forbidden',
    title: 'The API key lacks a required scope',
    description: 'The key lacks a scope this operation needs; `required_scopes` lists them.',
  },
  404: {
    code: 'not-found',
    title: 'No such resource',
    description: 'No resource with that id (or none yet at the `as_of`/`valid_at` point asked).',
  },
  409: {
    code: 'conflict',
    title: 'The request conflicts with the current state',
    description: 'The current state does not allow it; the problem says that state.',
  },
  413: {
    code: 'payload-too-large',
    title: 'The request body is too large',
    description: 'The body is over the size this operation accepts.',
  },
  422: {
    code: 'unprocessable',
    title: 'The request is well-formed but cannot be processed',
    description: 'Well-formed but meaningless here (an event type the catalog does not know, say).',
  },
  503: { code: 'unavailable', title: 'The service cannot answer yet', description: 'Not ready yet; `retry-after` says when to ask again.' },
};

/** An OpenAPI response object for a problem status, with an example of the problem. */
export function problemResponse(status: number): { description: string; content: Record<string, object> } {
  const known = PROBLEM_STATUSES[status] ?? {
    code: 'internal',
    title: 'Internal error',
    description: 'The server failed to answer; the error is logged.',
  };
  return {
    description: known.description,
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: '#/components/schemas/Problem' },
        example: { type: problemType(known.code), title: known.title, status, detail: known.description },
      },
    },
  };
}
