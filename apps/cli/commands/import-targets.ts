import type { CommandBus } from '@nestjs/cqrs';
import { RecordEventsCommand } from '@newsledger/ingest';
import { callService, ServiceRefused, type ServiceTarget } from '../cli-http.js';

/** Where an import sends its chunks: the ledger's write path in-process, or a running service over HTTP. */
export interface ImportTarget {
  /**
   * Appends the chunk all or nothing and says how many of its events were already in the ledger;
   * throws ChunkRejected with a readable reason (and the failing index when known).
   */
  record(events: unknown[]): Promise<{ present: number }>;
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
        const results = await commands.execute(
          new RecordEventsCommand(events, { allowRecordedAt: true, apiKeyId: null, requestId: null, idempotencyKey: null }),
        );
        return { present: results.filter((result) => result.duplicate).length };
      } catch (error) {
        const failed = error as { index?: number; cause?: unknown; message?: string };
        const cause = failed.cause instanceof Error ? failed.cause.message : failed.message;
        throw new ChunkRejected(cause ?? String(error), typeof failed.index === 'number' ? failed.index : null);
      }
    },
  };
}

/** The batch endpoint marks the results of events it already had with `duplicate: true`. */
export function httpTarget(baseUrl: string, key: string): ImportTarget {
  const target: ServiceTarget = { url: baseUrl, key };
  return {
    async record(events) {
      try {
        const response = await callService(target, '/v1/events/batch', { method: 'POST', body: { events } });
        const { results } = (await response.json()) as { results: { duplicate?: boolean }[] };
        return { present: results.filter((result) => result.duplicate === true).length };
      } catch (error) {
        if (!(error instanceof ServiceRefused) || error.status >= 500) throw error;
        const fields = error.problem.errors?.map((e) => `${e.path} ${e.message}`).join('; ');
        throw new ChunkRejected([error.message.replace(/\.$/, ''), fields].filter(Boolean).join(': '), error.problem.index ?? null);
      }
    },
  };
}
