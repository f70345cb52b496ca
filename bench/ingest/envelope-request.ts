import type { Request } from 'autocannon';
import { newEnvelope } from './generated-events.js';

/**
 * autocannon's `setupRequest`: a POST of one fresh envelope, or of a batch of `context.batch` of them.
 * A load run in a worker thread takes its functions as files it can `require`, and `module.exports`
 * is what that returns.
 */
function withEnvelopes(request: Request, context: { batch?: number }): Request {
  const body = context.batch ? { events: Array.from({ length: context.batch }, newEnvelope) } : newEnvelope();
  return { ...request, body: JSON.stringify(body) };
}

export { withEnvelopes as 'module.exports' };
