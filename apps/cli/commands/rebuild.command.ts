import { setTimeout as sleep } from 'node:timers/promises';
import { PG_POOL } from '@newsledger/platform';
import { PROJECTIONS, ProjectorModule, projectionStatuses, requestRebuild, type ProjectionStatus } from '@newsledger/read-models';
import { MultiBar, Presets } from 'cli-progress';
import type pg from 'pg';
import { CliError } from '../cli-error.js';
import { callService, serviceTarget, type ServiceTarget } from '../cli-http.js';
import { withLedger } from '../cli-runtime.js';

const POLL_MS = 500;

/** Where rebuilds are asked for and followed: the ledger's database, or a running service's API. */
interface RebuildTarget {
  names(): Promise<string[]>;
  /** False when a rebuild of `name` is already running: the command then follows that one. */
  request(name: string): Promise<boolean>;
  statuses(): Promise<ProjectionStatus[]>;
}

/**
 * `newsledger rebuild <projection|all>`: asks for the rebuilds and shows their progress until each is
 * swapped in. Stopping the command stops nothing: a projector carries on from the rebuild's checkpoint.
 */
export async function rebuildCommand(which: string, options: { url?: string; key?: string }): Promise<number> {
  const service = serviceTarget(options, 'admin');
  if (service) return rebuild(httpTarget(service), which);
  // This process projects while it waits: beside a running projector the two share the work through
  // the consumers' locks; with the service stopped, it does the rebuild itself.
  return withLedger([ProjectorModule], (context) => rebuild(directTarget(context.get<symbol, pg.Pool>(PG_POOL)), which));
}

async function rebuild(target: RebuildTarget, which: string): Promise<number> {
  const known = await target.names();
  if (which !== 'all' && !known.includes(which)) throw new CliError(`No projection ${which}. Rebuild one of ${known.join(', ')}, or all.`, 2);
  const names = which === 'all' ? known : [which];
  for (const name of names) {
    if (!(await target.request(name))) console.error(`${name}: a rebuild is already running; following it.`);
  }
  await follow(target, names);
  return 0;
}

async function follow(target: RebuildTarget, names: string[]): Promise<void> {
  const bars = new MultiBar({ format: 'rebuild {name} [{bar}] {percentage}% | {state}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  const width = Math.max(...names.map((name) => name.length));
  // The name goes with every update: without a terminal, cli-progress drops the payload given at creation.
  const bar = new Map(names.map((name) => [name, bars.create(100, 0, { name: name.padEnd(width), state: 'requested' })]));
  for (;;) {
    const statuses = (await target.statuses()).filter((status) => bar.has(status.name));
    for (const { name, state, progress, position } of statuses) {
      const shown = { name: name.padEnd(width), state: state === 'live' ? `swapped in at position ${position}` : 'rebuilding' };
      bar.get(name)!.update(state === 'live' ? 100 : (progress ?? 0), shown);
    }
    if (statuses.every((status) => status.state === 'live')) break;
    await sleep(POLL_MS);
  }
  bars.stop();
}

function directTarget(pool: pg.Pool): RebuildTarget {
  return {
    names: async () => PROJECTIONS.map((projection) => projection.name),
    request: (name) => requestRebuild(pool, name),
    statuses: () => projectionStatuses(pool, PROJECTIONS),
  };
}

function httpTarget(service: ServiceTarget): RebuildTarget {
  const statuses = async () => ((await (await callService(service, '/v1/projections')).json()) as { data: ProjectionStatus[] }).data;
  return {
    names: async () => (await statuses()).map((status) => status.name),
    request: async (name) => (await callService(service, `/v1/projections/${encodeURIComponent(name)}/rebuild`, { method: 'POST' }, [409])).status === 202,
    statuses,
  };
}
