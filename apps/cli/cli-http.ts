import { CliError } from './cli-error.js';

/** A running service reached with --url and --key. */
export interface ServiceTarget {
  url: string;
  key: string;
}

/** `--url` given: it needs `--key` with `scope`. */
export function serviceTarget(options: { url?: string; key?: string }, scope: string): ServiceTarget | null {
  if (!options.url) return null;
  if (!options.key) throw new CliError(`--url needs --key (an API key with the ${scope} scope).`, 2);
  try {
    new URL(options.url);
  } catch {
    throw new CliError(`--url ${options.url} is not a URL (e.g. http://localhost:3000).`, 2);
  }
  return { url: options.url, key: options.key };
}

/**
 * One request to the service: network failures and refused keys become one sentence; other
 * non-2xx answers (except `allow`) become one from the problem's detail.
 */
export async function callService(target: ServiceTarget, path: string, init: { method?: string; body?: unknown } = {}, allow: number[] = []): Promise<Response> {
  const url = new URL(path, target.url);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${target.key}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new CliError(`Cannot reach the service at ${target.url}: is it running, and is the URL right?`);
  }
  if (response.ok || allow.includes(response.status)) return response;
  const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string; index?: number; errors?: { path: string; message: string }[] };
  const reason = problem.detail ?? problem.title ?? `HTTP ${response.status}`;
  if (response.status === 401 || response.status === 403) throw new CliError(`The service refused the key: ${reason.replace(/\.$/, '')}.`);
  throw new ServiceRefused(response.status, reason.replace(/\.$/, '') + '.', problem);
}

export class ServiceRefused extends CliError {
  constructor(
    readonly status: number,
    reason: string,
    readonly problem: { index?: number; errors?: { path: string; message: string }[] },
  ) {
    super(reason);
  }
}
