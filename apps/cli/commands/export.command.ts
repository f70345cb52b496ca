import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EventStore, EventStoreModule, type RecordedEvent } from '@newsledger/event-store';
import { withLedger } from '../cli-runtime.js';

const PAGE = 1000;

/** `newsledger export [--after N] [--out file]`: JSON lines in log order that `import` takes back, recorded_at included. */
export async function exportCommand(options: { after?: number; out?: string }): Promise<number> {
  const output: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const written = await withLedger([EventStoreModule], async (context) => {
    const store = context.get(EventStore);
    let after = options.after ?? 0;
    let count = 0;
    for (;;) {
      const { events, last_position } = await store.readLog({ after, limit: PAGE });
      for (const event of events) {
        if (!output.write(JSON.stringify(toImportLine(event)) + '\n')) await once(output, 'drain');
      }
      count += events.length;
      if (events.length < PAGE || last_position === null) return count;
      after = last_position;
    }
  });
  if (options.out) {
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
