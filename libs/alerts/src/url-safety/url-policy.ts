import { lookup } from 'node:dns/promises';
import { ipLiteral, refusedRange } from './address-policy.js';

export interface UrlPolicy {
  readonly allowHttp: boolean;
  readonly allowPrivate: boolean;
}

/** The checks that need no DNS: the scheme, and the address when the host is an IP literal. */
export function staticUrlRefusal(url: URL, policy: UrlPolicy): string | null {
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    return policy.allowHttp ? 'the URL must use https or http' : 'the URL must use https (WEBHOOK_ALLOW_HTTP is off)';
  }
  const literal = ipLiteral(url.hostname);
  const range = literal && !policy.allowPrivate ? refusedRange(literal) : null;
  return range ? `${literal} is a ${range} address; webhooks may only reach public addresses` : null;
}

/**
 * Why a subscription URL is refused, or null. Names are resolved now, at creation; the sender's
 * connect-time lookup (guarded-lookup.ts) checks again, so a name that later resolves elsewhere
 * (DNS rebinding) is still refused.
 */
export async function urlRefusal(
  url: URL,
  policy: UrlPolicy,
  resolve: (host: string) => Promise<{ address: string }[]> = (host) => lookup(host, { all: true }),
): Promise<string | null> {
  const refusal = staticUrlRefusal(url, policy);
  if (refusal || policy.allowPrivate || ipLiteral(url.hostname)) return refusal;
  let addresses: { address: string }[];
  try {
    addresses = await resolve(url.hostname);
  } catch {
    return `${url.hostname} does not resolve`;
  }
  for (const { address } of addresses) {
    const range = refusedRange(address);
    if (range) return `${url.hostname} resolves to ${address}, a ${range} address; webhooks may only reach public addresses`;
  }
  return null;
}
