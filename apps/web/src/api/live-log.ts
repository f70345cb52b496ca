import { createParser } from 'eventsource-parser';
import { useEffect, useState } from 'react';
import { ApiError, authorizedFetch, reportUnauthorized, withQuery } from './client';
import type { LogEvent } from './types';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

export interface LogFilter {
  type?: string;
  company?: string;
}

const RETRY_MS = [500, 1000, 2000, 5000, 10000];
const KEEP = 500;

/**
 * Reads `GET /v1/events/live` through fetch, so the key travels in the Authorization header (an
 * EventSource could only put it in the URL). Resumes after a drop with Last-Event-ID set to the last
 * position seen, which the server continues from without a gap.
 */
export async function streamLog(
  { after, ...filter }: LogFilter & { after?: number },
  onEvent: (event: LogEvent) => void,
  onStatus: (status: LiveStatus, error?: unknown) => void,
  signal: AbortSignal,
): Promise<void> {
  let lastId: number | undefined;
  let failures = 0;
  while (!signal.aborted) {
    onStatus(failures === 0 ? 'connecting' : 'reconnecting');
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (lastId !== undefined) headers['last-event-id'] = String(lastId);
      const response = await authorizedFetch(withQuery('/v1/events/live', { ...filter, after: lastId === undefined ? after : undefined }), {
        headers,
        signal,
      });
      if (response.status === 401) {
        reportUnauthorized();
        return;
      }
      if (!response.ok || !response.body)
        throw new ApiError({ status: response.status, title: 'The live log refused the connection', detail: await response.text() });
      onStatus('live');
      failures = 0;
      const parser = createParser({
        onEvent: (message) => {
          if (message.id) lastId = Number(message.id);
          onEvent(JSON.parse(message.data) as LogEvent);
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch (error) {
      if (signal.aborted) return;
      onStatus('reconnecting', error);
    }
    failures += 1;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]));
  }
}

/** The live log from `after` on, newest first, the last 500 kept. */
export function useLiveLog(
  filter: LogFilter,
  after: number | undefined,
  enabled: boolean,
): { events: LogEvent[]; status: LiveStatus; error: unknown } {
  const [events, setEvents] = useState<LogEvent[]>([]);
  const [status, setStatus] = useState<LiveStatus>('off');
  const [error, setError] = useState<unknown>(null);
  const { type, company } = filter;
  useEffect(() => {
    setEvents([]);
    if (!enabled) {
      setStatus('off');
      return;
    }
    const controller = new AbortController();
    void streamLog(
      { type, company, after },
      (event) =>
        setEvents((current) =>
          current.some((seen) => seen.global_position === event.global_position) ? current : [event, ...current].slice(0, KEEP),
        ),
      (next, failure) => {
        setStatus(next);
        setError(failure ?? null);
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [type, company, after, enabled]);
  return { events, status, error };
}

/**
 * Roughly where the log ends: read models answer with the position they have reached. The live
 * stream then starts a little before it, so the page opens on recent events rather than empty.
 */
export async function recentPosition(): Promise<number> {
  const response = await authorizedFetch('/v1/companies?limit=1');
  const position = Number(response.headers.get('x-projection-position'));
  return Number.isFinite(position) ? position : 0;
}
