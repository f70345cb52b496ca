import { setTimeout as sleep } from 'node:timers/promises';
import type { AppProcess } from '@newsledger/testing';
import type { Cluster } from './cluster.js';

type Proposal = Record<string, unknown>;

export interface LoadReport {
  /** Event ids the api answered 201 or 200 (already recorded) for. */
  accepted: Set<string>;
  /** Answers 503 (problem+json, retried), by route. */
  unavailable: number;
  /** Anything else: another status, a non-problem 503, a request that hung past its timeout. */
  unexpected: string[];
}

/**
 * Posts `lanes` streams of proposals at once, each in order, one request per event, as a client
 * would: a 503 problem is retried with the same event (same event_id: idempotent) after a short
 * pause, until `deadlineMs` runs out. `batch` posts each lane in chunks to /v1/events/batch instead.
 */
export class Load {
  readonly report: LoadReport = { accepted: new Set(), unavailable: 0, unexpected: [] };
  readonly done: Promise<void>;
  private stopped = false;
  /** The api processes requests take turns on; empty: the cluster's first api. */
  private readonly via: AppProcess[];
  private sent = 0;

  constructor(
    private readonly cluster: Cluster,
    lanes: Proposal[][],
    { deadlineMs = 120_000, batch = 1, via = [] }: { deadlineMs?: number; batch?: number; via?: AppProcess[] } = {},
  ) {
    this.via = via;
    const deadline = Date.now() + deadlineMs;
    this.done = Promise.all(lanes.map((lane) => this.run(lane, batch, deadline))).then(() => undefined);
  }

  stop(): void {
    this.stopped = true;
  }

  private async run(lane: Proposal[], batch: number, deadline: number): Promise<void> {
    for (let i = 0; i < lane.length && !this.stopped; ) {
      const chunk = lane.slice(i, i + batch);
      if (await this.post(chunk)) i += chunk.length;
      else if (Date.now() > deadline) {
        this.report.unexpected.push(`gave up at ${chunk.length} events past the deadline`);
        return;
      } else await sleep(100);
    }
  }

  /** True once the chunk is recorded; false to retry it. */
  private async post(chunk: Proposal[]): Promise<boolean> {
    const [path, json] = chunk.length === 1 ? ['/v1/events', chunk[0]] : ['/v1/events/batch', { events: chunk }];
    let response: Response;
    try {
      const via = this.via.length > 0 ? this.via[this.sent++ % this.via.length] : undefined;
      response = await this.cluster.request(path, { method: 'POST', json, via, signal: AbortSignal.timeout(20_000) });
    } catch (error) {
      this.report.unexpected.push(`POST ${path}: ${(error as Error).message}`);
      return false;
    }
    const text = await response.text();
    if (response.status === 201 || response.status === 200) {
      for (const event of chunk) this.report.accepted.add(String(event.event_id));
      return true;
    }
    if (response.status === 503 && response.headers.get('content-type')?.startsWith('application/problem+json')) {
      this.report.unavailable++;
      return false;
    }
    this.report.unexpected.push(`POST ${path}: ${response.status} ${text.slice(0, 300)}`);
    return false;
  }
}

/** Splits proposals made of independent copies (generatedProposals) into `lanes` lanes of whole copies. */
export function lanesOf(copies: Proposal[][], lanes: number): Proposal[][] {
  const result: Proposal[][] = Array.from({ length: lanes }, () => []);
  copies.forEach((copy, index) => result[index % lanes].push(...copy));
  return result;
}
