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
    ['0.0.0.0', 'unspecified'],
    ['64:ff9b:1::a00:1', 'rfc8215'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  // Every IPv6 form that embeds IPv4 is judged by the IPv4 address inside, in a URL as typed, at
  // creation (urlRefusal) and at connect time (guardedLookup: Node's lookup returns a literal as is).
  describe.each([
    ['IPv4-mapped', '::ffff:169.254.169.254', '::ffff:93.184.215.14'],
    ['IPv4-mapped, hex', '::ffff:a9fe:a9fe', '::ffff:5db8:d70e'],
    ['IPv4-compatible', '::169.254.169.254', '::93.184.215.14'],
    ['IPv4-compatible, hex', '::a9fe:a9fe', '::5db8:d70e'],
    ['IPv4-compatible loopback', '::127.0.0.1', '::8.8.8.8'],
    ['NAT64', '64:ff9b::10.0.0.1', '64:ff9b::93.184.215.14'],
    ['NAT64 loopback', '64:ff9b::7f00:1', '64:ff9b::808:808'],
    ['6to4', '2002:a9fe:a9fe::1', '2002:5db8:d70e::1'],
    ['6to4 private', '2002:c0a8:0101::', '2002:0808:0808::'],
    ['Teredo client (inverted)', '2001:0:5db8:d70e:0:0:5601:5601', '2001:0:5db8:d70e:0:0:a247:28f1'],
    ['Teredo server', '2001:0:7f00:1:0:0:a247:28f1', '2001:0:5db8:d70e:0:0:a247:28f1'],
  ])('%s', (_form, refused, accepted) => {
    it(`refuses ${refused} by the IPv4 address it embeds`, async () => {
      expect(refusedRange(refused)).toMatch(/^(linkLocal|loopback|private) \(/);
      expect(await urlRefusal(new URL(`https://[${refused}]/hook`), strict)).toMatch(/webhooks may only reach public addresses/);
      const error = await new Promise<Error | null>((resolve) => guardedLookup()(refused, {}, (err) => resolve(err)));
      expect(error?.name).toBe('AddressRefused');
    });

    it(`accepts ${accepted}, whose IPv4 address is public`, async () => {
      expect(refusedRange(accepted)).toBeNull();
      expect(await urlRefusal(new URL(`https://[${accepted}]/hook`), strict)).toBeNull();
    });
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
