// What says "a server is away (restarting, unreachable, overloaded) right now", as opposed to a fault in
// the request, the data or the code: retrying later succeeds. Callers answer 503 to such errors and
// log consumers retry them without ever giving up on a batch.

// SQLSTATE classes and codes: 08 connection exceptions, 53 insufficient resources (too many
// connections, out of memory or disk), 57P01-57P05 the server shutting down, restarting, not yet
// accepting connections or ending idle sessions, 57014 a statement cancelled (its timeout), 40001 and
// 40P01 serialization failures and deadlocks, 55P03 a lock not available.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0)|^(57014|40001|40P01|55P03)$/;
const UNAVAILABLE_SYSTEM_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// node-postgres, pg-pool, ioredis and BullMQ report a lost or refused connection with these messages.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|ECONNREFUSED|ECONNRESET/i;

export function isUnavailableError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSTEM_CODES.has(code))) return true;
    if (UNAVAILABLE_MESSAGE.test(current.message)) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isUnavailableError(inner))) return true;
  }
  return false;
}
