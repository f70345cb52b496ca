import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { report } from '../lib/report.js';
import { benchEvents, type Backend, type Pipeline } from './pipeline.js';

const EVENTS_PER_SECOND = 100;
const SUBSCRIPTIONS = 10;
const SECONDS = 10;

/**
 * End-to-end latency (just before the append → the receiver has the body) of every delivery at a
 * steady rate, against the latency of plain undici POSTs of the same bodies at the same request rate.
 */
export async function latencyCase(pipeline: Pipeline, backend: Backend): Promise<void> {
  await pipeline.subscribe(SUBSCRIPTIONS);
  const events = benchEvents(EVENTS_PER_SECOND * SECONDS);
  const before = pipeline.receiver.received.length;
  const appendedAt = new Map<string, number>();
  await steadily(events, async (event) => {
    appendedAt.set(event.event_id, Date.now());
    await pipeline.append([event]);
  });
  await pipeline.untilReceived(before + events.length * SUBSCRIPTIONS);
  const latencies = pipeline.receiver.received
    .slice(before)
    .map((hit) => hit.receivedAt - appendedAt.get(JSON.parse(hit.body).data.event_id)!);

  const raw = await rawLatencies(pipeline.receiver.url('/raw'), pipeline.receiver.received.slice(before, before + 2_000).map((hit) => hit.body));
  const [p50, p99] = [percentile(latencies, 50), percentile(latencies, 99)];
  report({
    bench: 'alerts',
    case: `end-to-end latency p99, ${EVENTS_PER_SECOND} events/s × ${SUBSCRIPTIONS} subscriptions (${backend})`,
    unit: 'ms',
    value: p99,
    baseline: `raw undici POST p99 at the same ${EVENTS_PER_SECOND * SUBSCRIPTIONS} requests/s`,
    baseline_value: percentile(raw, 99),
    details: { queue: backend, p50_ms: p50, p99_ms: p99, max_ms: Math.max(...latencies), raw_p50_ms: percentile(raw, 50), deliveries: latencies.length, target_ms: backend === 'redis' ? 50 : 150 },
  });
}

/** Runs `work` for each item at EVENTS_PER_SECOND (items per second), without waiting for one to finish before the next is due. */
async function steadily<T>(items: T[], work: (item: T) => Promise<void>, perSecond = EVENTS_PER_SECOND): Promise<void> {
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < items.length; i++) {
    const due = started + (i * 1000) / perSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    running.push(work(items[i]));
  }
  await Promise.all(running);
}

async function rawLatencies(url: string, bodies: string[]): Promise<number[]> {
  const agent = new Agent({ connections: SUBSCRIPTIONS * 4 });
  const latencies: number[] = [];
  try {
    await steadily(
      bodies,
      async (body) => {
        const started = Date.now();
        const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher: agent });
        await response.body.dump();
        latencies.push(Date.now() - started);
      },
      EVENTS_PER_SECOND * SUBSCRIPTIONS,
    );
  } finally {
    await agent.close();
  }
  return latencies;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
