import { EventStore } from '@newsledger/event-store';
import type { TestApp } from '@newsledger/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { report } from '../lib/report.js';
import type { ScratchDatabase } from '../lib/scratch-database.js';
import { generatedEvents } from './ledger.js';
import { percentile } from './percentiles.js';

// BENCH_FRESHNESS_RATE: appends per second; 200 by default, the rate the target is set at.
const RATE = Number(process.env.BENCH_FRESHNESS_RATE ?? 200);
const DURATION_MS = 10_000;
const TARGET_P99_MS = 100;

// The single-resource route of each aggregate with one; signals show only on company timelines.
const ROUTES: Record<string, string> = { company: 'companies', listing: 'listings', acquisition: 'acquisitions', chiptrade: 'chiptrade', rule: 'rules' };

/**
 * Appends at a steady 200 events/s (BENCH_FRESHNESS_RATE; each event its own append) and asks, right after each append,
 * for the resource it changed with `min_position` set to the event's position: the time from the
 * append's start to that answer is how fresh the read models are. The append alone is the baseline.
 */
export async function freshnessCase(db: ScratchDatabase, app: TestApp, fromCopy: number): Promise<void> {
  const store = new EventStore(db.pool);
  const count = (RATE * DURATION_MS) / 1000;
  // A copy of the generated world holds some 36 events.
  const events = generatedEvents(Math.ceil(count / 30), fromCopy).slice(0, count);
  const fresh: number[] = [];
  const appends: number[] = [];
  let unavailable = 0;
  const started = performance.now();
  await Promise.all(
    events.map(async ({ subject, recorded_at: _recordedAt, ...event }, i) => {
      await sleep(started + (i * 1000) / RATE - performance.now());
      const asked = performance.now();
      const { global_position } = (await store.append(subject, [event], 'any')).events[0];
      appends.push(performance.now() - asked);
      const [kind, slug] = subject.split(':');
      if (!ROUTES[kind]) return;
      // A 503 (not visible within the wait), or a read the overloaded app could not take at all, counts with the time it took.
      const visible = await app
        .request(`/v1/${ROUTES[kind]}/${slug}?min_position=${global_position}`)
        .then(async (response) => (await response.arrayBuffer(), response.status === 200))
        .catch(() => false);
      fresh.push(performance.now() - asked);
      if (!visible) unavailable++;
    }),
  );
  for (const p of [50, 99]) {
    report({
      bench: 'projections',
      case: `freshness p${p}: append → visible with min_position, ${RATE} events/s`,
      unit: 'ms',
      value: percentile(fresh, p),
      baseline: `p${p} of the append alone`,
      baseline_value: percentile(appends, p),
      details: { target_ms: p === 99 ? TARGET_P99_MS : undefined, reads: fresh.length, not_visible_in_time: unavailable },
    });
  }
}
