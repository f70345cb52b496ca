import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ApiKeyRecord } from './api-keys.repository.js';
import { ApiKeysRepository } from './api-keys.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface BrowserCookie {
  name: string;
  path: string;
  /** Seconds. */
  maxAge: number;
}

/**
 * Short-lived cookies for pages a browser opens by navigation (the queue dashboard), where it
 * cannot send `Authorization`. The cookie names a key and an expiry and is signed with that key's
 * stored digest: no session table, valid on every replica, dead at once when the key is revoked,
 * and never the key itself.
 */
@Injectable()
export class BrowserSessions {
  constructor(private readonly keys: ApiKeysRepository) {}

  async issue(key: ApiKeyRecord, cookie: BrowserCookie, secure: boolean): Promise<string> {
    const found = await this.keys.findActiveWithDigest(key.id);
    if (!found) throw new Error(`API key ${key.id} is not active`);
    const expires = Math.floor(Date.now() / 1000) + cookie.maxAge;
    const claim = `${key.id}.${expires}`;
    const value = `${claim}.${sign(found.digest, claim)}`;
    return serialize(cookie, value, cookie.maxAge, secure);
  }

  /** A Set-Cookie header that removes the cookie. */
  clear(cookie: BrowserCookie, secure: boolean): string {
    return serialize(cookie, '', 0, secure);
  }

  /** The key a request's cookie was issued for, when the cookie is intact, unexpired and the key still active. */
  async verify(cookieHeader: string | undefined, cookie: BrowserCookie): Promise<ApiKeyRecord | null> {
    const value = readCookie(cookieHeader, cookie.name);
    const match = value && /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!match || !UUID.test(match[1]) || Number(match[2]) * 1000 <= Date.now()) return null;
    const found = await this.keys.findActiveWithDigest(match[1]);
    if (!found) return null;
    const expected = Buffer.from(sign(found.digest, `${match[1]}.${match[2]}`));
    const given = Buffer.from(match[3]);
    return expected.length === given.length && timingSafeEqual(expected, given) ? found.key : null;
  }
}

function sign(digest: string, claim: string): string {
  return createHmac('sha256', digest).update(claim).digest('base64url');
}

function serialize({ name, path }: BrowserCookie, value: string, maxAge: number, secure: boolean): string {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
