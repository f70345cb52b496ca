import { ADMIN_KEY, createKey, loadFixture, startService } from './service.js';

/**
 * Starts the service, loads the seed one event per request, creates a read-only key, and hands
 * the URL and keys to the tests through the environment. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const service = await startService();
  try {
    await loadFixture(service, 'seed-article.jsonl', { batch: false });
    process.env.NEWSLEDGER_WEB_READ_KEY = await createKey(service, 'browser tests (read only)', ['read']);
    process.env.NEWSLEDGER_WEB_URL = service.url;
    process.env.NEWSLEDGER_WEB_ADMIN_KEY = ADMIN_KEY;
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service.stop;
}
