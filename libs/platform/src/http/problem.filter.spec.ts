import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { ProblemFilter } from './problem.filter.js';
import { problems } from './problem.js';

/** What the filter logged and answered for one error. */
function handle(error: unknown) {
  const logged: { level: string; fields: Record<string, unknown> }[] = [];
  const logger = {
    child: () => logger,
    error: (fields: Record<string, unknown>) => logged.push({ level: 'error', fields }),
    warn: (fields: Record<string, unknown>) => logged.push({ level: 'warn', fields }),
  } as unknown as Logger;
  let status = 0;
  const reply = {
    status: (code: number) => ((status = code), reply),
    headers: () => reply,
    header: () => reply,
    send: () => reply,
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ url: '/v1/x' }) }) } as unknown as ArgumentsHost;
  new ProblemFilter(logger).catch(error, host);
  return { status, logged };
}

describe('ProblemFilter logging (issue 10, item 5)', () => {
  it('logs an unforeseen failure once, at error, with the error (its stack)', () => {
    const { status, logged } = handle(new TypeError('boom'));
    expect(status).toBe(500);
    expect(logged).toEqual([{ level: 'error', fields: expect.objectContaining({ err: expect.any(TypeError) }) }]);
  });

  it('logs a 5xx the service chose at warn, without the error object', () => {
    const { status, logged } = handle(problems.unavailable('behind min_position'));
    expect(status).toBe(503);
    expect(logged).toEqual([{ level: 'warn', fields: expect.not.objectContaining({ err: expect.anything() }) }]);
  });

  it('does not log client errors, nor a client that went away mid-body', () => {
    expect(handle(problems.validation('bad')).logged).toEqual([]);
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 });
    expect(handle(aborted)).toEqual({ status: 400, logged: [] });
  });

  it('answers a lost database connection 503 with retry-after, logged at warn', () => {
    const lost = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const { status, logged } = handle(lost);
    expect(status).toBe(503);
    expect(logged.map((entry) => entry.level)).toEqual(['warn']);
  });
});
