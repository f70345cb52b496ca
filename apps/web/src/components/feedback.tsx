import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** A failed request as the API explained it (problem+json title, detail and each invalid field). */
export function ProblemNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : { status: 0, title: 'Something went wrong', detail: String(error) };
  return (
    <div role="alert" className="notice notice-error">
      <strong>{problem.title ?? 'Request failed'}</strong>
      {problem.status ? <span className="muted"> ({problem.status})</span> : null}
      {problem.detail ? <p>{problem.detail}</p> : null}
      {problem.errors?.length ? (
        <ul>
          {problem.errors.map((item, index) => (
            <li key={index}>
              <code>{item.path}</code>: {item.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p role="status" className="muted">
      {what}…
    </p>
  );
}

/** The three states of a query: loading, the API's problem, or the data. */
export function QueryState<T>({ query, children, what }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; what?: string }) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <ProblemNotice error={query.error} />;
  return <>{children(query.data)}</>;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
