import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDuration } from '@newsledger/platform';
import { Cluster } from '../../infra/faults/support/cluster.js';
import { generatedProposals } from '../../libs/read-models/src/testing/generated-ledger.js';
import { percentile } from '../projections/percentiles.js';

const DURATION_MS = parseDuration(process.env.SOAK_DURATION || '5m') ?? 300_000;
const EVENTS_PER_SECOND = Number(process.env.SOAK_RATE || 20);
const SSE_CLIENTS = 50;
const SUBSCRIPTIONS = 50;
const READERS = 4;
const INGEST_LANES = 2;
const FAILURE_RATE = 0.1;
const READ_PATHS = ['/v1/events?limit=50', '/v1/companies?limit=20', '/v1/listings?limit=20', '/v1/acquisitions?limit=20', '/v1/projections'];

/**
 * `npm run bench -- soak`: the scale-out topology (the four built apps on a PostgreSQL and a
 * redis-server of their own) under mixed traffic for SOAK_DURATION (default 5m): steady ingest at
 * SOAK_RATE events/s, readers, 50 SSE clients and 50 subscriptions whose receiver fails 10 % of
 * attempts. Prints one JSON line: accepted = logged = projected = delivered (per subscription) =
 * streamed (per SSE client), p99 latencies, each process's RSS at start and end, errors by type.
 */
export async function run(): Promise<void> {
  const cluster = await Cluster.start({ env: { LOG_LEVEL: 'warn', WEBHOOK_RETRY_SCHEDULE: '1s,2s,5s,10s,10s,10s' } });
  const errors = new Map<string, number>();
  const count = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
  try {
    const paths = Array.from({ length: SUBSCRIPTIONS }, (_, i) => `/s${i}`);
    for (const path of paths) {
      cluster.receiver.respond(path, () => ({ status: Math.random() < FAILURE_RATE ? 500 : 200 }));
      await cluster.subscribe(path);
    }
    const rssStart = rssOf(cluster);
    const stop = new AbortController();
    const sse = Array.from({ length: SSE_CLIENTS }, () => streamClient(cluster, stop.signal, count));
    await sleep(1_000);

    const ingestLatency: number[] = [];
    const readLatency: number[] = [];
    const acceptedAt = new Map<string, number>();
    const end = Date.now() + DURATION_MS;
    // Two lanes, each posting its own copies of the seed world in order, one request per event.
    const lane = async (offset: number) => {
      for (let copy = offset; Date.now() < end; copy += INGEST_LANES) {
        for (const event of generatedProposals(1, copy)) {
          if (Date.now() >= end) break;
          const started = performance.now();
          const response = await cluster.request('/v1/events', { method: 'POST', json: event }).catch((error: Error) => error);
          if (response instanceof Error) count(`ingest: ${response.name}`);
          else {
            await response.arrayBuffer();
            if (response.status === 201) {
              ingestLatency.push(performance.now() - started);
              acceptedAt.set(String(event.event_id), Date.now());
            } else count(`ingest: ${response.status}`);
          }
          await sleep(Math.max(0, (1000 * INGEST_LANES) / EVENTS_PER_SECOND - (performance.now() - started)));
        }
      }
    };
    const ingest = Promise.all(Array.from({ length: INGEST_LANES }, (_, offset) => lane(offset)));
    const readers = Array.from({ length: READERS }, async (_, reader) => {
      for (let i = reader; Date.now() < end; i++) {
        const started = performance.now();
        const response = await cluster.request(READ_PATHS[i % READ_PATHS.length]).catch((error: Error) => error);
        if (response instanceof Error) count(`read: ${response.name}`);
        else {
          await response.arrayBuffer();
          if (response.ok) readLatency.push(performance.now() - started);
          else count(`read: ${response.status}`);
        }
        await sleep(50);
      }
    });
    await Promise.all([ingest, ...readers]);

    // Drain: everything accepted projected, delivered and streamed (or the deadline says how far it got).
    const drained = await Promise.all([
      cluster.untilProjected(120_000).then(() => true, () => false),
      ...paths.map((path) => cluster.untilDelivered(path, 180_000).then(() => true, () => false)),
    ]);
    await sleep(2_000);
    stop.abort();
    const rssEnd = rssOf(cluster);

    const logged = (await cluster.eventIds()).length;
    const { rows } = await cluster.pool.query<{ projected: number }>(
      `SELECT min(c.global_position)::int AS projected FROM checkpoints c WHERE c.name LIKE 'rm\\_%' AND c.name NOT LIKE '%:rebuild'`,
    );
    const projected = (await cluster.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE global_position <= $1', [rows[0].projected]))
      .rows[0].n;
    const deliveredPer = paths.map((path) => cluster.deliveredAt(path).size);
    const deliveryLatency = paths.flatMap((path) => firstSuccesses(cluster, path, acceptedAt));
    const attempts = paths.reduce((sum, path) => sum + cluster.receiver.at(path).length, 0);
    const streamed = sse.map((client) => client.ids.size);
    for (const app of Object.values(cluster.apps)) {
      for (const record of app.logRecords(50)) count(`${app.app} log: ${String(record.msg).slice(0, 80)}`);
    }
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'soak',
        duration_s: DURATION_MS / 1000,
        rate_target: EVENTS_PER_SECOND,
        accepted: acceptedAt.size,
        logged,
        projected,
        delivered_min: Math.min(...deliveredPer),
        delivered_max: Math.max(...deliveredPer),
        streamed_min: Math.min(...streamed),
        streamed_max: Math.max(...streamed),
        drained: drained.every(Boolean),
        webhook_attempts: attempts,
        webhook_failures_injected: cluster.receiver.received.filter((hit) => hit.answered === 500).length,
        p99_ms: {
          ingest: round(percentile(ingestLatency, 99)),
          read: round(percentile(readLatency, 99)),
          delivery: round(percentile(deliveryLatency, 99)),
        },
        p50_ms: {
          ingest: round(percentile(ingestLatency, 50)),
          read: round(percentile(readLatency, 50)),
          delivery: round(percentile(deliveryLatency, 50)),
        },
        reads: readLatency.length,
        rss_mb: Object.fromEntries(Object.keys(rssStart).map((app) => [app, { start: mb(rssStart[app]), end: mb(rssEnd[app]) }])),
        errors: Object.fromEntries(errors),
      })}\n`,
    );
  } finally {
    await cluster.close();
  }
}

/** For each event `path` answered 200 to, the time from its 201 to that first success. */
function firstSuccesses(cluster: Cluster, path: string, acceptedAt: Map<string, number>): number[] {
  const first = new Map<string, number>();
  for (const hit of cluster.receiver.at(path)) {
    if (hit.answered !== 200) continue;
    const eventId = (JSON.parse(hit.body) as { data: { event_id: string } }).data.event_id;
    if (!first.has(eventId) && acceptedAt.has(eventId)) first.set(eventId, hit.receivedAt - acceptedAt.get(eventId)!);
  }
  return [...first.values()];
}

function rssOf(cluster: Cluster): Record<string, number> {
  return Object.fromEntries(
    Object.values(cluster.apps).map((app) => {
      const status = readFileSync(`/proc/${app.pid}/status`, 'utf8');
      return [app.app, Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024];
    }),
  );
}

/** An SSE client of /v1/events/live from now on: the event ids it has seen. */
function streamClient(cluster: Cluster, signal: AbortSignal, count: (kind: string) => void): { ids: Set<string> } {
  const client = { ids: new Set<string>() };
  void (async () => {
    try {
      const response = await cluster.request('/v1/events/live', { signal, headers: { accept: 'text/event-stream' } });
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        const messages = buffer.split('\n\n');
        buffer = messages.pop() ?? '';
        for (const message of messages) {
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (data) client.ids.add((JSON.parse(data.slice(6)) as { event_id: string }).event_id);
        }
      }
    } catch (error) {
      if (!signal.aborted) count(`sse: ${(error as Error).name}`);
    }
  })();
  return client;
}

function round(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10) / 10;
}
