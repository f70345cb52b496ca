import { Presets, SingleBar } from 'cli-progress';

const LINE_EVERY_MS = 2_000;

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/**
 * Progress of a long command on stderr: a bar on a terminal, otherwise a line every few seconds
 * (and one at the end), so logs and pipes are not flooded with redraws.
 */
export function progressBar(label: string, total: number, unit: string): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} ${unit}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    bar.start(total, 0);
    return {
      update: (done, newTotal) => {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  let last = Date.now();
  const line = () => process.stderr.write(`${label}: ${done}/${total} ${unit}\n`);
  return {
    update: (value, newTotal) => {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      if (Date.now() - last >= LINE_EVERY_MS) {
        last = Date.now();
        line();
      }
    },
    stop: line,
  };
}
