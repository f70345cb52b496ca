import { DEFAULT_ALERTS_OPTIONS } from '@newsledger/alerts';
import type { RecordedEvent } from '@newsledger/event-store';
import { eventBody } from '../../libs/alerts/src/deliveries/webhook-body.js';
import { compare } from '../lib/measure.js';
import { report } from '../lib/report.js';
import { benchEvents, rawPosts, type Backend, type Pipeline } from './pipeline.js';

const ROUNDS = 5;
const DELIVERIES_PER_ROUND = 3_000;

/**
 * Deliveries per second from append to the receiver's 2xx, every event matching every subscription,
 * against plain undici POSTs of bodies of the same shape at the worker's concurrency, in alternating rounds.
 */
export async function throughputCase(pipeline: Pipeline, backend: Backend, subscriptions: number): Promise<void> {
  await pipeline.subscribe(subscriptions);
  const eventsPerRound = Math.ceil(DELIVERIES_PER_ROUND / subscriptions);
  const deliveries = eventsPerRound * subscriptions;
  const bodies = benchEvents(deliveries).map((event, i) => eventBody(asRecorded(event, i), false));
  const concurrency = DEFAULT_ALERTS_OPTIONS.workerConcurrency;

  const pipelineRate = async () => {
    const before = pipeline.receiver.received.length;
    const started = performance.now();
    await pipeline.append(benchEvents(eventsPerRound));
    await pipeline.untilReceived(before + deliveries);
    return deliveries / ((performance.now() - started) / 1000);
  };
  // Uncounted: a fresh pipeline's first round runs at about half its steady rate while V8 compiles
  // the router, worker and client paths, and the raw POSTs have next to nothing to compile.
  await pipelineRate();
  const result = await compare(pipelineRate, () => rawPosts(pipeline.receiver.url('/raw'), bodies, concurrency), ROUNDS);
  report({
    bench: 'alerts',
    case: `webhook deliveries, ${subscriptions} subscription${subscriptions > 1 ? 's' : ''} matching every event (${backend})`,
    unit: 'deliveries/s',
    baseline: `raw undici POSTs of the same bodies, ${concurrency} concurrent`,
    ...result,
    target_ratio: backend === 'redis' ? 0.35 : 0.2,
    details: { queue: backend, deliveries_per_round: deliveries, rounds: ROUNDS, worker_concurrency: concurrency, per_subscription_in_flight: DEFAULT_ALERTS_OPTIONS.perSubscriptionInFlight },
  });
}

function asRecorded(event: ReturnType<typeof benchEvents>[number], position: number): RecordedEvent {
  return { ...event, subject: `acquisition:bench-${event.event_id}`, version: 1, global_position: position + 1, transaction_id: '1', metadata: {}, recorded_at: new Date().toISOString() };
}
