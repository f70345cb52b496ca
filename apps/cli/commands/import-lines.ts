import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { idempotentEventId } from '@newsledger/ingest';

export interface ImportLine {
  lineNumber: number;
  event: unknown;
}

export type LineParse = { ok: true; line: ImportLine } | { ok: false; lineNumber: number; reason: string };

/**
 * Reads a JSONL file lazily. A line without an event_id gets one derived from its content and
 * line number, so re-running an interrupted import skips what already went in.
 */
export async function* readImportLines(file: string): AsyncGenerator<LineParse> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    try {
      const event = JSON.parse(text) as Record<string, unknown>;
      if (event && typeof event === 'object' && !Array.isArray(event) && event.event_id === undefined) {
        const digest = createHash('sha256').update(text).digest('hex');
        event.event_id = idempotentEventId(null, `import-line:${digest}`, lineNumber);
      }
      yield { ok: true, line: { lineNumber, event } };
    } catch (error) {
      yield { ok: false, lineNumber, reason: `not JSON: ${(error as Error).message}` };
    }
  }
}

export async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (text.trim() !== '') count++;
  }
  return count;
}
