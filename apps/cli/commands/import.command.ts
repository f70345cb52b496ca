import { CommandBus } from '@nestjs/cqrs';
import { IngestModule } from '@newsledger/ingest';
import { Presets, SingleBar } from 'cli-progress';
import { withLedger } from '../cli-runtime.js';
import { countLines, readImportLines, type ImportLine } from './import-lines.js';
import { ChunkRejected, directTarget, httpTarget, type ImportTarget } from './import-targets.js';

export interface ImportOptions {
  url?: string;
  key?: string;
  batchSize: number;
}

export interface ImportReport {
  imported: number;
  rejected: { lineNumber: number; reason: string }[];
}

/** `newsledger import <file>`: exits non-zero when any line was rejected, after reporting each one. */
export async function importCommand(file: string, options: ImportOptions): Promise<number> {
  const report = options.url
    ? await importFile(file, httpTarget(options.url, requireKey(options.key)), options.batchSize)
    : await withLedger([IngestModule], (context) => importFile(file, directTarget(context.get(CommandBus)), options.batchSize));
  for (const { lineNumber, reason } of report.rejected) console.error(`line ${lineNumber}: ${reason}`);
  console.log(`${report.imported} events imported or already present, ${report.rejected.length} lines rejected.`);
  return report.rejected.length > 0 ? 1 : 0;
}

export async function importFile(file: string, target: ImportTarget, batchSize: number): Promise<ImportReport> {
  const total = await countLines(file);
  const bar = new SingleBar({ format: 'import [{bar}] {value}/{total} lines | {rejected} rejected', stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0, { rejected: 0 });
  const report: ImportReport = { imported: 0, rejected: [] };
  let chunk: ImportLine[] = [];
  const flush = async () => {
    await recordChunk(chunk, target, report);
    bar.update(report.imported + report.rejected.length, { rejected: report.rejected.length });
    chunk = [];
  };
  for await (const parsed of readImportLines(file)) {
    if (!parsed.ok) report.rejected.push({ lineNumber: parsed.lineNumber, reason: parsed.reason });
    else chunk.push(parsed.line);
    if (chunk.length >= batchSize) await flush();
  }
  await flush();
  bar.stop();
  return report;
}

/** A chunk goes in all or nothing; when it fails, its lines go one by one so each rejection is reported by line. */
async function recordChunk(chunk: ImportLine[], target: ImportTarget, report: ImportReport): Promise<void> {
  if (chunk.length === 0) return;
  try {
    await target.record(chunk.map((line) => line.event));
    report.imported += chunk.length;
    return;
  } catch (error) {
    if (!(error instanceof ChunkRejected)) throw error;
    if (chunk.length === 1) {
      report.rejected.push({ lineNumber: chunk[0].lineNumber, reason: error.reason });
      return;
    }
  }
  for (const line of chunk) await recordChunk([line], target, report);
}

function requireKey(key: string | undefined): string {
  if (!key) throw new Error('--url needs --key (an API key with the events:write scope; admin keeps recorded_at).');
  return key;
}
