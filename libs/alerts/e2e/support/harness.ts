import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore, type RecordedEvent } from '@newsledger/event-store';
import type { AppDefinition } from '@newsledger/platform';
import { afterAll, beforeAll } from '@jest/globals';
import { createTestDatabase, eventually as retryUntil, type TestApp, type TestDatabase, WebhookReceiver } from '@newsledger/testing';
import type pg from 'pg';
import { AlertsApiModule } from '../../src/alerts-api.module.js';
import type { AlertsOptions } from '../../src/alerts.options.js';
import { AlertRouterModule } from '../../src/router/alert-router.module.js';
import { WebhookWorkerModule } from '../../src/worker/webhook-worker.module.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are pinned down by the assertions, not by types
export type Json = Record<string, any>;

/** Loopback receivers and a fast schedule: what every delivery test runs with (via startTestApp's env). */
export const TEST_WEBHOOK_ENV = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_SCHEDULE: '100ms,200ms',
  WEBHOOK_TIMEOUT: '5s',
};

/** Short intervals so recovery paths (sweeper, stalled jobs, replays) show within a test's patience. */
export function testAlertsOptions(overrides: Partial<AlertsOptions> = {}): Partial<AlertsOptions> {
  return {
    queueName: `webhooks-test-${randomBytes(4).toString('hex')}`,
    sweepIntervalMs: 250,
    sweepGraceMs: 1_000,
    replayPollIntervalMs: 100,
    replayRatePerSecond: 1_000,
    lockDurationMs: 1_000,
    stalledIntervalMs: 500,
    ...overrides,
  };
}

/** The alert pipeline in one app, the way `npm start` hosts it. */
export function alertsApp(
  options: Partial<AlertsOptions>,
  parts: ('api' | 'router' | 'worker')[] = ['api', 'router', 'worker'],
): AppDefinition {
  const modules = { api: AlertsApiModule, router: AlertRouterModule, worker: WebhookWorkerModule };
  return { modules: parts.map((part) => modules[part].forRoot(options)) };
}

export function uniqueCompany(): string {
  return `company:t-${randomBytes(4).toString('hex')}`;
}

/** Appends one event straight to the store, the way ingest would after its checks. */
export async function appendEvent(
  pool: pg.Pool,
  event: { type: string; subject?: string; companies?: string[]; regions?: string[]; data?: Record<string, unknown>; confidence?: string },
): Promise<RecordedEvent> {
  const store = new EventStore(pool);
  const subject = event.subject ?? `${event.type.split('.')[0]}:t-${randomBytes(4).toString('hex')}`;
  const eventId = randomUUID();
  await store.append(
    subject,
    [
      {
        event_id: eventId,
        type: event.type,
        schema_version: 1,
        data: event.data ?? {},
        source: {
          source_id: 'src:test',
          publisher: 'Test Wire',
          genre: 'news',
          published_at: '2026-02-11',
          language: 'en',
          confidence: event.confidence ?? 'reported',
        },
        companies: event.companies ?? [],
        regions: event.regions ?? [],
        occurred_on: null,
        occurred_precision: 'unknown',
        correlation_id: null,
      },
    ],
    'any',
  );
  const [recorded] = await store.findByEventIds([eventId]);
  return recorded;
}

/** Polls `probe` until it returns something truthy, failing after `timeoutMs` with `what` in the message. */
export function eventually<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 15_000,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  return retryUntil(
    async () => {
      const value = await probe();
      if (!value) throw new Error(`timed out waiting for ${what}`);
      return value as Exclude<T, false | null | undefined | 0 | ''>;
    },
    { timeoutMs },
  );
}

/** An API call whose body is parsed when there is one (204s have none). */
export async function callApi(app: TestApp, path: string, init: Parameters<TestApp['request']>[1] = {}) {
  const response = await app.request(path, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : null) as Json };
}

/** A database and a webhook receiver shared by a file's cases: made before the first, closed after the last. */
export function sharedDatabaseAndReceiver(): { db: TestDatabase; receiver: WebhookReceiver } {
  const shared = {} as { db: TestDatabase; receiver: WebhookReceiver };
  beforeAll(async () => {
    shared.db = await createTestDatabase();
    shared.receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await shared.receiver.close();
    await shared.db.drop();
  });
  return shared;
}
