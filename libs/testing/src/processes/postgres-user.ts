import { execFileSync } from 'node:child_process';
import { chown } from 'node:fs/promises';
import { userInfo } from 'node:os';

// PostgreSQL and PgBouncer refuse to run as root; tests started by root run them as `postgres`.
const asRoot = userInfo().uid === 0;

/** `command args` as the process to start: prefixed with `runuser -u postgres --` when the tests run as root. */
export function asPostgresUser(command: string, args: readonly string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];
}

/** Hands `paths` to the `postgres` system user when the tests run as root (so the servers can write there). */
export async function giveToPostgresUser(...paths: string[]): Promise<void> {
  if (!asRoot) return;
  const id = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  for (const file of paths) await chown(file, id('-u'), id('-g'));
}
