import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { EventStore, EventStoreModule, type RecordedEvent } from '@newsledger/event-store';
import { withLedger } from '../cli-runtime.js';
import { progressBar } from '../progress.js';

const PAGE = 1000;

/** `newsledger export [--after N] [--out file]`: JSON lines in log order that `import` takes back, recorded_at included. */
export async function exportCommand(options: { after?: number; out?: string }): Promise<number> {
  // Opened first, so a missing folder or a directory fails before the ledger is opened.
  const file = options.out ? await open(options.out, 'w') : null;
  const output: Writable = file ? file.createWriteStream() : process.stdout;
  const written = await withLedger([EventStoreModule], async (context) => {
    const store = context.get(EventStore);
    const head = await store.head();
    const bar = progressBar('export', Math.max(0, head - (options.after ?? 0)), 'positions');
    let after = options.after ?? 0;
    let count = 0;
    for (;;) {
      const { events, last_position } = await store.readLog({ after, limit: PAGE });
      for (const event of events) {
        if (!output.write(JSON.stringify(toImportLine(event)) + '\n')) await once(output, 'drain');
      }
      count += events.length;
      if (last_position !== null) bar.update(last_position - (options.after ?? 0));
      if (events.length < PAGE || last_position === null) break;
      after = last_position;
    }
    bar.stop();
    return count;
  });
  if (file) {
    output.end();
    await once(output, 'finish');
  }
  console.error(`${written} events exported.`);
  return 0;
}

function toImportLine(event: RecordedEvent) {
  const { event_id, type, subject, occurred_on, occurred_precision, companies, regions, data, source, correlation_id, recorded_at } = event;
  return { event_id, type, subject, occurred_on, occurred_precision, companies, regions, data, source, correlation_id, recorded_at };
}
