import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { EventStore, isAtOrBefore, logPointOf, type RecordedEvent } from '@newsledger/event-store';
import { PG_POOL } from '@newsledger/platform';
import type pg from 'pg';
import { ALERTS_OPTIONS, type AlertsOptions } from '../alerts.options.js';
import { DeliveriesRepository } from '../deliveries/deliveries.repository.js';
import { DeliveryQueue } from '../deliveries/delivery-queue.js';
import type { NewDelivery } from '../deliveries/delivery.js';
import { planDeliveries } from '../deliveries/plan-deliveries.js';
import { reviewJurisdictions } from '../deliveries/review-jurisdictions.js';
import { matchesEventType } from '../subscriptions/event-types.js';
import { criteriaOf, type SubscriptionRow } from '../subscriptions/subscription.js';
import type { ReplayRequest } from './replay.schema.js';
import { ReplaysRepository, type ReplayRow } from './replays.repository.js';

const PAGE = 200;
const CHUNK = 50;

export interface ReplayProgress {
  replay_id: string;
  matched: number;
  /** Deliveries made by this run (a resumed replay counts from where it resumed). */
  enqueued: number;
  cursor_position: number;
  up_to_position: number;
}

type ScanSpec = Pick<ReplayRow, 'subscription_id' | 'criteria' | 'event_types' | 'since' | 'until' | 'up_to_position'>;

/** Replays re-deliver past events with their original message ids, marked `replay: true`, at a bounded rate. */
@Injectable()
export class ReplayService {
  constructor(
    private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly replays: ReplaysRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Fixes what the replay covers (the log up to its head now) and counts the events it matches. */
  async create(subscription: SubscriptionRow, request: ReplayRequest, { claimed = false } = {}): Promise<ReplayRow> {
    const spec: ScanSpec = {
      subscription_id: subscription.id,
      criteria: criteriaOf(subscription),
      event_types: request.event_types ?? null,
      since: request.since ?? null,
      until: request.until ?? null,
      up_to_position: await this.store.head(),
    };
    const fromPosition = request.from_position ?? 1;
    let matched = 0;
    for await (const page of this.scan(spec, fromPosition - 1, null)) matched += page.deliveries.length;
    return this.replays.create({ ...spec, from_position: fromPosition, matched }, { claimed });
  }

  /** Runs (or resumes) a replay to its end; `signal` stops it between chunks, leaving it resumable. */
  async run(
    replay: ReplayRow,
    { signal, onProgress }: { signal?: AbortSignal; onProgress?: (progress: ReplayProgress) => void } = {},
  ): Promise<ReplayRow | null> {
    const started = performance.now();
    let enqueued = 0;
    let cursor = replay.cursor_position;
    for await (const page of this.scan(replay, replay.cursor_position, replay.id)) {
      for (let i = 0; i < page.deliveries.length; i += CHUNK) {
        if (signal?.aborted) return null;
        const chunk = page.deliveries.slice(i, i + CHUNK);
        const { rows, jobs } = this.queue.plan(chunk);
        await this.deliveries.insert(rows);
        await this.queue.enqueueOrLeaveToSweeper(jobs);
        enqueued += chunk.length;
        await this.replays.advance(replay.id, cursor); // a heartbeat: the page is not done yet
        const due = started + (enqueued / this.options.replayRatePerSecond) * 1000;
        if (due > performance.now()) await sleep(due - performance.now());
      }
      cursor = page.cursor;
      await this.replays.advance(replay.id, cursor);
      onProgress?.({ replay_id: replay.id, matched: replay.matched, enqueued, cursor_position: cursor, up_to_position: replay.up_to_position });
    }
    return this.replays.finish(replay.id, null);
  }

  /** The log after `after`, page by page up to the replay's head, with the deliveries each page calls for. */
  private async *scan(spec: ScanSpec, after: number, replayId: string | null): AsyncGenerator<{ deliveries: NewDelivery[]; cursor: number }> {
    const recipient = [{ id: spec.subscription_id, criteria: spec.criteria }];
    if (spec.up_to_position === 0) return;
    // Positions are almost, not always, in log order: the replay's end is a place in log order.
    const end = await logPointOf(this.pool, spec.up_to_position);
    let cursor = after;
    for (;;) {
      const { events } = await this.store.readLog({ after: cursor, limit: PAGE });
      const covered = events.filter((event) => isAtOrBefore(event, end));
      if (covered.length === 0) return;
      const wanted = covered.filter((event) => this.wanted(spec, event));
      const jurisdictions = await reviewJurisdictions(this.pool, wanted);
      const deliveries = wanted.flatMap((event) => planDeliveries(event, jurisdictions.get(event.event_id) ?? null, recipient, replayId));
      cursor = covered.at(-1)!.global_position;
      yield { deliveries, cursor };
      if (covered.length < events.length || events.length < PAGE) return;
    }
  }

  private wanted(spec: ScanSpec, event: RecordedEvent): boolean {
    if (spec.event_types && !matchesEventType(spec.event_types, event.type)) return false;
    const recordedAt = Date.parse(event.recorded_at);
    if (spec.since && recordedAt < Date.parse(spec.since)) return false;
    return !(spec.until && recordedAt > Date.parse(spec.until));
  }
}
