import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { idempotentEventId } from '@newsledger/ingest';

export interface ImportLine {
  lineNumber: number;
  /** The stream it goes to; lines of one stream are written in file order. */
  subject: string;
  event: unknown;
}

export type LineParse = { ok: true; line: ImportLine } | { ok: false; lineNumber: number; reason: string };

/**
 * Reads a JSONL file lazily. A line without an event_id gets one derived from its content and how
 * many identical lines came before it (not its line number), so re-running an interrupted import,
 * or the file with lines inserted, skips what already went in.
 */
export async function* readImportLines(file: string): AsyncGenerator<LineParse> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const seen = new Map<string, number>();
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      yield { ok: false, lineNumber, reason: `not JSON: ${(error as Error).message}` };
      continue;
    }
    const fields = event && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : null;
    if (fields && fields.event_id === undefined) {
      const digest = createHash('sha256').update(text.trim()).digest('hex');
      const occurrence = (seen.get(digest) ?? 0) + 1;
      seen.set(digest, occurrence);
      fields.event_id = idempotentEventId(null, `import-line:${digest}`, occurrence);
    }
    yield { ok: true, line: { lineNumber, subject: typeof fields?.subject === 'string' ? fields.subject : '', event } };
  }
}

export async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (text.trim() !== '') count++;
  }
  return count;
}
