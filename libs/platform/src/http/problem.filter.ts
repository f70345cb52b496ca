import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isUnavailableError } from '../database/unavailable.js';
import { PROBLEM_CONTENT_TYPE, problems, problemType, ProblemException, type Problem } from './problem.js';

/** Turns an error a feature knows about (a domain error, say) into a problem, or returns null. */
export type ProblemConverter = (error: unknown) => ProblemException | null;

const FASTIFY_CODES: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed-json', title: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed-json', title: 'The body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload-too-large', title: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported-media-type', title: 'Send application/json' },
};

const INTERNAL: Problem = {
  type: problemType('internal'),
  title: 'Internal error',
  status: 500,
  detail: 'The server failed to answer; the error is logged.',
};

/** The one place errors become HTTP: every failure leaves as application/problem+json, 5xx without internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger: Logger;

  constructor(
    logger: Logger,
    private readonly converters: ProblemConverter[] = [],
  ) {
    this.logger = logger.child({ context: ProblemFilter.name });
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { problem, headers } = this.toProblem(error);
    // A failure nobody foresaw is logged once, with its stack. A 5xx the service chose (a read model
    // behind min_position, writers colliding) is an answer, and client errors (4xx) are the client's:
    // neither is an error of the service, so no stack either.
    if (problem.type === INTERNAL.type) this.logger.error({ err: error, url: request.url }, 'request failed');
    else if (problem.status >= 500)
      this.logger.warn({ url: request.url, problem: problem.type, detail: problem.detail }, 'request answered 5xx');
    sendProblem(reply, { ...problem, instance: request.url }, headers);
  }

  toProblem(error: unknown): { problem: Problem; headers: Record<string, string> } {
    if (error instanceof ProblemException) return { problem: error.problem, headers: error.headers };
    for (const convert of this.converters) {
      const converted = convert(error);
      if (converted) return { problem: converted.problem, headers: converted.headers };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const title = status === 404 ? 'No such resource' : error.message;
      return {
        problem: { type: problemType(status === 404 ? 'not-found' : `http-${status}`), title, status, detail: error.message },
        headers: {},
      };
    }
    const fastifyError = error as { code?: string; statusCode?: number; message?: string };
    if (fastifyError?.code && FASTIFY_CODES[fastifyError.code]) {
      const known = FASTIFY_CODES[fastifyError.code];
      const status = fastifyError.statusCode ?? 400;
      return { problem: { type: problemType(known.code), title: known.title, status, detail: fastifyError.message }, headers: {} };
    }
    // The client went away while its body was arriving (Fastify gives that a 4xx): nobody reads the
    // answer, and it is no server error. A database connection reset carries no status: an outage.
    if (fastifyError?.code === 'ECONNRESET' && isClientStatus(fastifyError.statusCode)) {
      const problem = {
        type: problemType('client-aborted'),
        title: 'The client closed the connection',
        status: fastifyError.statusCode,
        detail: fastifyError.message,
      };
      return { problem, headers: {} };
    }
    if (isUnavailableError(error)) {
      // PostgreSQL or the queue is away (restarting, unreachable): a retry shortly will do.
      const { problem, headers } = problems.unavailable('A backing service (the database or the queue) is unavailable; retry shortly.', {
        headers: { 'retry-after': '2' },
      });
      return { problem, headers };
    }
    // Any other error Fastify raised about the request itself carries its 4xx status.
    const status = fastifyError?.statusCode;
    if (isClientStatus(status)) {
      return {
        problem: { type: problemType(`http-${status}`), title: 'The request cannot be read', status, detail: fastifyError.message },
        headers: {},
      };
    }
    return { problem: INTERNAL, headers: {} };
  }
}

function isClientStatus(status: unknown): status is number {
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): void {
  void reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
