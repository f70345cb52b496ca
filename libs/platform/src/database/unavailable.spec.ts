import { describe, expect, it } from '@jest/globals';
import { isUnavailableError } from './unavailable.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isUnavailableError', () => {
  it.each([
    ['the server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['the server starting up', withCode('57P03', 'the database system is starting up')],
    ['a connection failure', withCode('08006')],
    ['too many connections', withCode('53300')],
    ['a statement timeout', withCode('57014')],
    ['a serialization failure', withCode('40001')],
    ['a refused socket', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['Redis away (fail-fast queue)', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['a wrapped cause', new Error('enqueue failed', { cause: withCode('ECONNRESET') })],
    ['one of several', new AggregateError([new Error('x'), withCode('ECONNREFUSED')])],
  ])('is true for %s', (_, error) => expect(isUnavailableError(error)).toBe(true));

  it.each([
    ['a check violation', withCode('23514', 'new row violates check constraint')],
    ['a datetime overflow', withCode('22008', 'date/time field value out of range')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'venue')")],
    ['an invalid time', new RangeError('Invalid time value')],
    ['not an error', 'ECONNREFUSED'],
  ])('is false for %s', (_, error) => expect(isUnavailableError(error)).toBe(false));
});
