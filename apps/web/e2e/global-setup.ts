import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_KEY, ROOT, startService } from './service.js';

/**
 * Starts the service, loads the seed one event per request (so each has its own recorded_at and
 * "known at" can fall between two of them), creates a read-only key, and hands the URL and keys
 * to the tests through the environment. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const service = await startService();
  try {
    const lines = readFileSync(path.join(ROOT, 'data/seed-article.jsonl'), 'utf8').split('\n').filter(Boolean);
    for (const [index, line] of lines.entries()) {
      const response = await fetch(`${service.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: line,
      });
      if (response.status !== 201) throw new Error(`seed line ${index + 1}: ${response.status} ${await response.text()}`);
    }
    const readKey = await fetch(`${service.url}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'browser tests (read only)', scopes: ['read'] }),
    }).then((response) => response.json() as Promise<{ key: string }>);
    process.env.NEWSLEDGER_WEB_URL = service.url;
    process.env.NEWSLEDGER_WEB_ADMIN_KEY = ADMIN_KEY;
    process.env.NEWSLEDGER_WEB_READ_KEY = readKey.key;
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service.stop;
}
