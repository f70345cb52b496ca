import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

const v4 = (high: number, low: number): IPv4 => ipaddr.IPv4.parse(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);

/**
 * The IPv4 addresses an IPv6 address carries, by the transition scheme that puts them there: mapped
 * (::ffff:a.b.c.d), compatible (::a.b.c.d — WHATWG URLs write it ::a9fe:a9fe), NAT64 (64:ff9b::/96),
 * 6to4 (2002:AABB:CCDD::/48) and Teredo (2001:0::/32: the server in bits 32–63, the client inverted
 * in the last 32). A packet to any of them can end up at the IPv4 address, so that address is judged.
 */
export function embeddedIPv4(address: IPv6): { scheme: string; ipv4: IPv4[] } | null {
  const p = address.parts;
  const zeros = (from: number, to: number) => p.slice(from, to).every((part) => part === 0);
  if (zeros(0, 5) && p[5] === 0xffff) return { scheme: 'IPv4-mapped', ipv4: [v4(p[6], p[7])] };
  // :: and ::1 are IPv6's own unspecified and loopback addresses, judged as such.
  if (zeros(0, 6) && !(p[6] === 0 && p[7] <= 1)) return { scheme: 'IPv4-compatible', ipv4: [v4(p[6], p[7])] };
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return { scheme: 'NAT64', ipv4: [v4(p[6], p[7])] };
  if (p[0] === 0x2002) return { scheme: '6to4', ipv4: [v4(p[1], p[2])] };
  if (p[0] === 0x2001 && p[1] === 0) return { scheme: 'Teredo', ipv4: [v4(p[2], p[3]), v4(p[6] ^ 0xffff, p[7] ^ 0xffff)] };
  return null;
}

/**
 * Webhooks may only reach public unicast addresses: ipaddr.js names every other range (loopback,
 * private, linkLocal — where cloud metadata lives —, carrierGradeNat, uniqueLocal, multicast,
 * reserved…), so anything not `unicast` is refused. An IPv6 address that embeds IPv4 addresses is
 * judged by them (embeddedIPv4); the local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215) never leads
 * anywhere public. Returns the refused range's name, or null when the address is acceptable.
 */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return publicOrRange(parsed);
  const v6 = parsed as IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) {
    for (const ipv4 of embedded.ipv4) {
      const range = publicOrRange(ipv4);
      if (range) return `${range} (${ipv4.toString()} in ${embedded.scheme})`;
    }
    return null;
  }
  if (v6.match(ipaddr.IPv6.parse('64:ff9b:1::'), 48)) return 'rfc8215';
  return publicOrRange(v6);
}

function publicOrRange(address: IPv4 | IPv6): string | null {
  const range = address.range();
  return range === 'unicast' ? null : range;
}

/** The URL host as an address when it is an IP literal (`[::1]` loses its brackets), else null. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
