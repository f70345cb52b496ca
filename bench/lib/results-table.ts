import { cpus, loadavg, totalmem } from 'node:os';
import type { ReportedCase } from './report.js';

/** What the figures were measured on: they compare only with figures from the same machine and load. */
export function machine(loadBefore: number[]): string {
  const [cpu] = cpus();
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  return `${cpus().length} × ${cpu?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ` +
    `load average ${load(loadBefore)} before and ${load(loadavg())} after`;
}

/** bench/RESULTS.md: every case of a run in one markdown table, with the date and the machine. */
export function resultsTable(cases: readonly ReportedCase[], { started, machine }: { started: Date; machine: string }): string {
  const cell = (value: unknown) => (value === undefined || value === null ? '' : String(value).replaceAll('|', '\\|'));
  // A case may have several targets (POST /v1/events: a ratio and a p99).
  const target = (c: ReportedCase) =>
    [
      c.target_ratio !== undefined && `ratio ≥ ${c.target_ratio}`,
      c.target_ms !== undefined && `≤ ${cell(c.target_ms)} ms`,
      c.target_p99_ms !== undefined && `p99 ≤ ${cell(c.target_p99_ms)} ms`,
      c.target !== undefined && cell(c.target),
    ]
      .filter(Boolean)
      .join('; ');
  const rows = cases.map((c) =>
    `| ${cell(c.bench)} | ${cell(c.case)} | ${cell(c.value)} ${cell(c.unit)} | ${cell(c.baseline_value)} (${cell(c.baseline)}) | ${cell(c.ratio)} | ${target(c)} |`,
  );
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (every case) on ${started.toISOString().slice(0, 10)}, ${started.toISOString().slice(11, 16)} UTC.`,
    `Machine: ${machine}.`,
    '',
    'Ratios compare each figure with a baseline measured in the same run on the same database, so they',
    'survive a noisy machine better than the raw figures do. Re-run on a quiet machine before comparing runs.',
    '',
    '| bench | case | value | baseline | ratio | target |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
