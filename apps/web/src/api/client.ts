import { readKey } from '../auth/key-storage';

/** An RFC 9457 problem as the API sends it (anything else is wrapped into one). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  get status(): number {
    return this.problem.status;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

let onUnauthorized: () => void = () => undefined;

/** Called when the stored key stops working (revoked while signed in). */
export function handleUnauthorized(callback: () => void): void {
  onUnauthorized = callback;
}

export function reportUnauthorized(): void {
  onUnauthorized();
}

/** fetch with the signed-in key in the Authorization header (never in the URL). */
export function authorizedFetch(url: string, init: RequestInit = {}, key: string | null = readKey()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  return fetch(url, { ...init, headers });
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A key to try instead of the stored one (signing in). */
  key?: string;
  signal?: AbortSignal;
}

/** Calls the API as the signed-in key; a failure throws the API's problem. */
export async function api<T>(path: string, { method = 'GET', query, body, key, signal }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal };
    response = await authorizedFetch(withQuery(path, query), init, key ?? readKey());
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: 0, title: 'The service did not answer', detail: (error as Error).message });
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) {
    if (response.status === 401 && key === undefined) onUnauthorized();
    const problem = isProblem(parsed) ? parsed : { status: response.status, title: response.statusText, detail: text.slice(0, 500) };
    throw new ApiError({ ...problem, status: response.status });
  }
  return parsed as T;
}

/** Every page of a list, following next_cursor, up to `max` rows (the workspace shows boards, not exports). */
export async function apiAll<T>(
  path: string,
  query: Query = {},
  { max = 2000, signal }: { max?: number; signal?: AbortSignal } = {},
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api<Page<T>>(path, { query: { ...query, limit: 500, cursor }, signal });
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && rows.length < max);
  return rows;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && ('title' in value || 'detail' in value);
}
