import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommandBus } from '@nestjs/cqrs';
import autocannon from 'autocannon';
import { parseProposal, type NewEvent } from '@newsledger/domain';
import { EventStore, type EventToAppend } from '@newsledger/event-store';
import { bootstrapAdminKey, createHttpApp, loadConfig, startRuntime } from '@newsledger/platform';
import { apiApp } from '../../apps/api/api.app.js';
import { importFile } from '../../apps/cli/commands/import.command.js';
import { directTarget } from '../../apps/cli/commands/import-targets.js';
import { rate, throughput } from '../lib/measure.js';
import { report } from '../lib/report.js';
import { withScratchDatabase } from '../lib/scratch-database.js';
import { newEnvelope } from './generated-events.js';

const ADMIN_KEY = 'nlk_bench-admin-key-0123456789abcdef';
const HTTP_SECONDS = 10;
const CONNECTIONS = 50;
const BATCH = 500;
const IMPORT_EVENTS = 100_000;
// The load runs in a worker thread, as clients would run elsewhere: it does not share the app's event loop.
const ENVELOPE_REQUEST = fileURLToPath(new URL('./envelope-request.js', import.meta.url));

/**
 * Ingest through the whole write path (HTTP, validation, the domain rules, the append) against the
 * event store's own append of the same events, in one database, in one run.
 */
export async function run(): Promise<void> {
  await withScratchDatabase(async ({ url }) => {
    const runtime = await startRuntime(loadConfig({ DATABASE_URL: url, ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', PG_POOL_MAX: '20', RATE_LIMIT_PER_KEY: '10000000', RATE_LIMIT_PER_IP: '10000000' }), {
      applicationName: 'bench-ingest',
      log: () => undefined,
    });
    const app = await createHttpApp(runtime, apiApp);
    await app.listen({ port: 0, host: '127.0.0.1' });
    await bootstrapAdminKey(app, runtime);
    const address = app.getHttpServer().address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const store = app.get(EventStore);
    try {
      const rawSingle = await throughput(() => store.append(...appendArgs()), { workers: CONNECTIONS, durationMs: HTTP_SECONDS * 1000 });
      const single = await cannon(baseUrl, '/v1/events', CONNECTIONS);
      report({
        bench: 'ingest', case: 'POST /v1/events, 50 connections', unit: 'events/s', value: single.rps,
        baseline: 'EventStore.append, 1 event, 50 concurrent writers', baseline_value: rawSingle, target_ratio: 0.5,
        details: { p50_ms: single.p50, p99_ms: single.p99, target_p99_ms: 50, non_2xx: single.errors },
      });

      const rawBatch = await throughput(() => store.appendMany(Array.from({ length: BATCH }, () => batchOf(appendArgs()))), {
        workers: 4,
        durationMs: HTTP_SECONDS * 1000,
      });
      const batch = await cannon(baseUrl, '/v1/events/batch', 4, BATCH);
      report({
        bench: 'ingest', case: `POST /v1/events/batch of ${BATCH}, 4 connections`, unit: 'events/s', value: batch.rps * BATCH,
        baseline: `EventStore.appendMany of ${BATCH} new streams, 4 concurrent`, baseline_value: rawBatch * BATCH, target_ratio: 0.5,
        details: { p50_ms: batch.p50, p99_ms: batch.p99, non_2xx: batch.errors },
      });

      const file = await generatedFile(IMPORT_EVENTS);
      const importRate = await rate(async () => {
        const result = await importFile(file, directTarget(app.get(CommandBus)), BATCH);
        if (result.rejected.length > 0) throw new Error(`import rejected ${result.rejected.length} lines`);
        return result.imported;
      });
      report({
        bench: 'ingest', case: `CLI import of ${IMPORT_EVENTS} generated events (direct, chunks of ${BATCH})`, unit: 'events/s', value: importRate,
        baseline: `EventStore.appendMany of ${BATCH} new streams, 4 concurrent`, baseline_value: rawBatch * BATCH, target_ratio: 0.6,
      });
    } finally {
      await app.close();
      await runtime.close();
    }
  });
}

function appendArgs(): [string, EventToAppend[], 'no_stream'] {
  const event = toAppend(newEnvelope());
  return [event.subject, [event], 'no_stream'];
}

function batchOf([subject, events, expected]: [string, EventToAppend[], 'no_stream']) {
  return { subject, events, expected };
}

/** The same normalised shape the write path appends, so both sides store identical rows. */
function toAppend(envelope: Record<string, unknown>): EventToAppend & { subject: string } {
  const parsed = parseProposal(envelope, () => String(envelope.event_id));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const event: NewEvent = parsed.event;
  return { ...event, source: event.source as unknown as Record<string, unknown>, metadata: {} };
}

/** POSTs of fresh envelopes (batches of `batch` when given) from `connections` connections in a worker thread. */
async function cannon(baseUrl: string, route: string, connections: number, batch?: number) {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: HTTP_SECONDS,
    workers: 1,
    initialContext: { batch },
    requests: [
      {
        method: 'POST',
        path: route,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        setupRequest: ENVELOPE_REQUEST,
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

async function generatedFile(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-bench-import-'));
  const file = path.join(dir, 'events.jsonl');
  await writeFile(file, Array.from({ length: count }, () => JSON.stringify(newEnvelope())).join('\n') + '\n');
  return file;
}
