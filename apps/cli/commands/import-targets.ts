import type { CommandBus } from '@nestjs/cqrs';
import { RecordEventsCommand } from '@newsledger/ingest';

/** Where an import sends its chunks: the ledger's write path in-process, or a running service over HTTP. */
export interface ImportTarget {
  /** Appends the chunk all or nothing; throws with a readable reason (and the failing index when known). */
  record(events: unknown[]): Promise<void>;
}

export class ChunkRejected extends Error {
  constructor(
    readonly reason: string,
    readonly index: number | null,
  ) {
    super(reason);
  }
}

export function directTarget(commands: CommandBus): ImportTarget {
  return {
    async record(events) {
      try {
        await commands.execute(
          new RecordEventsCommand(events, { allowRecordedAt: true, apiKeyId: null, requestId: null, idempotencyKey: null }),
        );
      } catch (error) {
        const failed = error as { index?: number; cause?: unknown; message?: string };
        const cause = failed.cause instanceof Error ? failed.cause.message : failed.message;
        throw new ChunkRejected(cause ?? String(error), typeof failed.index === 'number' ? failed.index : null);
      }
    },
  };
}

export function httpTarget(baseUrl: string, key: string): ImportTarget {
  const endpoint = new URL('/v1/events/batch', baseUrl).toString();
  return {
    async record(events) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events }),
      });
      if (response.ok) return;
      const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string; index?: number; errors?: { path: string; message: string }[] };
      if (response.status === 401 || response.status === 403) throw new Error(`The service refused the key: ${problem.detail ?? response.status}`);
      const fields = problem.errors?.map((e) => `${e.path} ${e.message}`).join('; ');
      throw new ChunkRejected([problem.detail ?? problem.title ?? `HTTP ${response.status}`, fields].filter(Boolean).join(': '), problem.index ?? null);
    },
  };
}
