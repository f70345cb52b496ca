import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedRange } from './address-policy.js';

export class AddressRefused extends Error {
  constructor(hostname: string, address: string, range: string) {
    super(`${hostname} resolved to ${address}, a ${range} address: refused`);
    this.name = 'AddressRefused';
  }
}

/**
 * A `lookup` for the socket layer that refuses non-public addresses, so the address checked is the
 * address connected to. Node asks with `all: true` when it races IPv4 and IPv6 (autoSelectFamily),
 * otherwise for a single address; both shapes are answered.
 */
export function guardedLookup(): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const range = refusedRange(address);
        if (range) return callback(new AddressRefused(hostname, address, range), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
