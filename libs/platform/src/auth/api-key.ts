import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'nlk_';

/** 32 random bytes: high-entropy keys need no slow hash, so a SHA-256 digest is what is stored. */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
