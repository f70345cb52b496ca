/** One benchmark case: the figure and a raw baseline measured in the same run on the same database. */
export interface CaseResult {
  bench: string;
  case: string;
  unit: string;
  value: number;
  baseline: string;
  baseline_value: number;
  /** value / baseline_value unless given (e.g. the median of paired rounds' ratios, see `compare`). */
  ratio?: number;
  target_ratio?: number;
  details?: Record<string, unknown>;
}

/** A case as printed: rounded, with its ratio and details. */
export type ReportedCase = Omit<CaseResult, 'details'> & { ratio: number } & Record<string, unknown>;

/** Every case reported in this process, in order, for the results table. */
export const reported: ReportedCase[] = [];

/** Prints the case as one JSON line. */
export function report({ details, ...result }: CaseResult): void {
  const ratio = result.ratio ?? result.value / result.baseline_value;
  const line = { ...result, value: round(result.value), baseline_value: round(result.baseline_value), ratio: round(ratio), ...details };
  reported.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
