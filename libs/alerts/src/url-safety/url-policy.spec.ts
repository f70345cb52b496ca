import { describe, expect, it } from '@jest/globals';
import { refusedRange } from './address-policy.js';
import { guardedLookup } from './guarded-lookup.js';
import { urlRefusal } from './url-policy.js';

const strict = { allowHttp: false, allowPrivate: false };
const resolvesTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address }));

describe('webhook URL policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.1.1', 'carrierGradeNat'],
    ['::1', 'loopback'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['0.0.0.0', 'unspecified'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  it('accepts public unicast addresses', () => {
    expect(refusedRange('93.184.215.14')).toBeNull();
    expect(refusedRange('2606:2800:21f:cb07:6820:80da:af6b:8b2c')).toBeNull();
  });

  it('wants https unless http is allowed', async () => {
    expect(await urlRefusal(new URL('http://example.com/'), strict, resolvesTo('93.184.215.14'))).toContain('https');
    expect(await urlRefusal(new URL('http://example.com/'), { ...strict, allowHttp: true }, resolvesTo('93.184.215.14'))).toBeNull();
  });

  it('refuses a name when any of its addresses is refused, or when it does not resolve', async () => {
    expect(await urlRefusal(new URL('https://example.com/'), strict, resolvesTo('93.184.215.14', '10.0.0.7'))).toContain('10.0.0.7');
    const nowhere = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await urlRefusal(new URL('https://nowhere.invalid/'), strict, nowhere)).toContain('does not resolve');
  });

  it('allows private addresses only when told to', async () => {
    expect(await urlRefusal(new URL('https://127.0.0.1/'), { ...strict, allowPrivate: true })).toBeNull();
  });

  it('refuses at connect time what the name resolves to then (DNS rebinding)', async () => {
    const lookup = guardedLookup();
    const error = await new Promise<Error | null>((resolve) => lookup('localhost', {}, (err) => resolve(err)));
    expect(error?.message).toMatch(/localhost resolved to .* loopback address: refused/);
    const all = await new Promise<Error | null>((resolve) => lookup('localhost', { all: true }, (err) => resolve(err)));
    expect(all?.name).toBe('AddressRefused');
  });
});
