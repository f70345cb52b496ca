import { describe, expect, it } from '@jest/globals';
import { joinedTextParam, jsonbArrayParam } from './json-params.js';

describe('parameters sent as bytes', () => {
  it('jsonbArrayParam is jsonb binary input: version 1, then the array as JSON.stringify writes it', () => {
    const items = [{ name: '智谱 AI', n: 1, nested: { a: [null, 'é'] } }, 'x', null];
    const bytes = jsonbArrayParam(items);
    expect(bytes[0]).toBe(1);
    expect(bytes.subarray(1).toString('utf8')).toBe(JSON.stringify(items));
    expect(jsonbArrayParam([]).subarray(1).toString('utf8')).toBe('[]');
  });

  it('joinedTextParam is the UTF-8 of the texts joined', () => {
    expect(joinedTextParam(['{"a":"智谱"}', '', '{"b":1}'], '\u0001').toString('utf8')).toBe(
      ['{"a":"智谱"}', '', '{"b":1}'].join('\u0001'),
    );
    expect(joinedTextParam([], '\u0001').length).toBe(0);
  });
});
