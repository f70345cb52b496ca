import type { Event } from '@event-driven-io/emmett';
import { sampleEvent } from '../event-store/sample-events.js';

export type BenchEvent = Event<'BenchEvent', { n: number; payload: Record<string, unknown> }>;

/** Emmett's counterpart of our sample event: the same payload, numbered. */
export const emmettEvent = (n: number): BenchEvent => ({ type: 'BenchEvent', data: { n, payload: sampleEvent().data } });
