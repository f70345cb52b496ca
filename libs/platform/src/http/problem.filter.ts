import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
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

/** The one place errors become HTTP: every failure leaves as application/problem+json, 5xx without internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: PinoLogger,
    private readonly converters: ProblemConverter[] = [],
  ) {
    logger.setContext(ProblemFilter.name);
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { problem, headers } = this.toProblem(error);
    if (problem.status >= 500) this.logger.error({ err: error, url: request.url }, 'request failed');
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
      return { problem: { type: problemType(status === 404 ? 'not-found' : `http-${status}`), title, status, detail: error.message }, headers: {} };
    }
    const fastifyError = error as { code?: string; statusCode?: number; message?: string };
    if (fastifyError?.code && FASTIFY_CODES[fastifyError.code]) {
      const known = FASTIFY_CODES[fastifyError.code];
      const status = fastifyError.statusCode ?? 400;
      return { problem: { type: problemType(known.code), title: known.title, status, detail: fastifyError.message }, headers: {} };
    }
    if (isUnavailableError(error)) {
      // PostgreSQL or the queue is away (restarting, unreachable): a retry shortly will do.
      const { problem, headers } = problems.unavailable('A backing service (the database or the queue) is unavailable; retry shortly.', {
        headers: { 'retry-after': '2' },
      });
      return { problem, headers };
    }
    return {
      problem: { type: problemType('internal'), title: 'Internal error', status: 500, detail: 'The server failed to answer; the error is logged.' },
      headers: {},
    };
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): void {
  void reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
