import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@newsledger/testing';
import { ApiKeysRepository } from './api-keys.repository.js';
import { BrowserSessions, type BrowserCookie } from './browser-session.js';

const COOKIE: BrowserCookie = { name: 'test_session', path: '/somewhere', maxAge: 60 };

/** The cookie's value out of a Set-Cookie header, as a browser would send it back. */
const sent = (setCookie: string) => setCookie.split(';')[0];

describe('browser sessions', () => {
  let db: TestDatabase;
  let keys: ApiKeysRepository;
  let sessions: BrowserSessions;

  beforeAll(async () => {
    db = await createTestDatabase();
    keys = new ApiKeysRepository(db.pool);
    sessions = new BrowserSessions(keys);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('issues an HttpOnly, SameSite=Strict cookie on one path that names the key, never holds it, and verifies', async () => {
    const key = await keys.create('operator', ['admin']);
    const header = await sessions.issue(key, COOKIE, true);
    expect(header).toMatch(/^test_session=[^;]+; Path=\/somewhere; Max-Age=60; HttpOnly; SameSite=Strict; Secure$/);
    expect(header).not.toContain(key.key);
    expect(await sessions.verify(`other=1; ${sent(header)}`, COOKIE)).toMatchObject({ id: key.id, scopes: ['admin'] });
    expect(await sessions.issue(key, COOKIE, false)).not.toContain('Secure');
  });

  it('refuses a cookie whose signature, expiry or key id was changed', async () => {
    const key = await keys.create('operator', ['admin']);
    const other = await keys.create('other', ['read']);
    const value = sent(await sessions.issue(key, COOKIE, false)).split('=')[1];
    const [id, expires, signature] = value.split('.');
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    for (const forged of [
      `${id}.${expires}.${flipped}`,
      `${id}.${Number(expires) + 3600}.${signature}`,
      `${other.id}.${expires}.${signature}`,
      'garbage',
      '',
    ]) {
      expect(await sessions.verify(`test_session=${forged}`, COOKIE)).toBeNull();
    }
    expect(await sessions.verify(undefined, COOKIE)).toBeNull();
  });

  it('ends with its expiry and with its key', async () => {
    const key = await keys.create('short-lived', ['admin']);
    const brief = sent(await sessions.issue(key, { ...COOKIE, maxAge: 1 }, false));
    const lasting = sent(await sessions.issue(key, COOKIE, false));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await sessions.verify(brief, COOKIE)).toBeNull();
    expect(await sessions.verify(lasting, COOKIE)).not.toBeNull();
    await keys.revoke(key.id);
    expect(await sessions.verify(lasting, COOKIE)).toBeNull();
  });

  it('clears the cookie with Max-Age=0', () => {
    expect(sessions.clear(COOKIE, false)).toBe('test_session=; Path=/somewhere; Max-Age=0; HttpOnly; SameSite=Strict');
  });
});
