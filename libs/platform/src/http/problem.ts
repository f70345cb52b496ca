/** RFC 9457 problem details, as every error of the HTTP API is rendered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable, dereference-free problem type URIs: clients match on them, so they never change. */
export function problemType(code: string): string {
  return `urn:newsledger:problem:${code}`;
}

export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

type ProblemInit = Omit<Problem, 'type' | 'title' | 'status'> & { headers?: Record<string, string> };

function make(status: number, code: string, title: string) {
  return (detail?: string, { headers, ...extensions }: ProblemInit = {}) =>
    new ProblemException({ type: problemType(code), title, status, detail, ...extensions }, headers);
}

export const problems = {
  validation: make(400, 'validation', 'The request is malformed'),
  unauthorized: make(401, 'unauthorized', 'A valid API key is required'),
  forbidden: make(403, 'forbidden', 'The API key lacks a required scope'),
  notFound: make(404, 'not-found', 'No such resource'),
  conflict: make(409, 'conflict', 'The request conflicts with the current state'),
  tooLarge: make(413, 'payload-too-large', 'The request body is too large'),
  uriTooLong: make(414, 'uri-too-long', 'The request target is too long'),
  unprocessable: make(422, 'unprocessable', 'The request is well-formed but cannot be processed'),
  rateLimited: make(429, 'rate-limited', 'Too many requests'),
  unavailable: make(503, 'unavailable', 'The service cannot answer yet'),
};
