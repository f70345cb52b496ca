import ipaddr from 'ipaddr.js';

/**
 * Webhooks may only reach public unicast addresses: ipaddr.js names every other range (loopback,
 * private, linkLocal — where cloud metadata lives —, carrierGradeNat, uniqueLocal, rfc6052 NAT64,
 * multicast, reserved…), so anything not `unicast` is refused. IPv4-mapped IPv6 is judged as IPv4.
 * Returns the refused range's name, or null when the address is acceptable.
 */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : range;
}

/** The URL host as an address when it is an IP literal (`[::1]` loses its brackets), else null. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
