import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { importFile } from './import.command.js';
import type { ImportTarget } from './import-targets.js';

// Chunks go in parallel only over disjoint streams: whatever the timing, each stream receives its
// events in file order, and chunks do overlap when their streams allow it.
describe('importFile in parallel chunks', () => {
  it('keeps file order per stream', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-parallel-'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 7 }), async (streams, batchSize) => {
        const file = path.join(dir, 'lines.jsonl');
        await writeFile(file, streams.map((s, i) => JSON.stringify({ event_id: `e${i}`, subject: `s${s}`, seq: i })).join('\n'));
        const received = new Map<string, number[]>();
        const target: ImportTarget = {
          async record(events) {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
            for (const event of events as { subject: string; seq: number }[]) received.set(event.subject, [...(received.get(event.subject) ?? []), event.seq]);
            return { present: 0 };
          },
        };
        const report = await importFile(file, target, batchSize);
        expect(report.imported).toBe(streams.length);
        for (const [subject, seqs] of received) {
          expect(seqs).toEqual(streams.flatMap((s, i) => (`s${s}` === subject ? [i] : [])));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('runs chunks over disjoint streams at the same time', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsledger-parallel-'));
    const file = path.join(dir, 'disjoint.jsonl');
    await writeFile(file, [0, 1, 2, 3].map((s) => JSON.stringify({ event_id: `d${s}`, subject: `s${s}` })).join('\n'));
    let running = 0;
    let most = 0;
    const target: ImportTarget = {
      async record() {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        return { present: 0 };
      },
    };
    await importFile(file, target, 1);
    expect(most).toBeGreaterThan(1);
  });
});
